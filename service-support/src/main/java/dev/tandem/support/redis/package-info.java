/** The Lettuce connection the stores share, taken from Spring Boot's Redis client. */
@NullMarked
package dev.tandem.support.redis;

import org.jspecify.annotations.NullMarked;
