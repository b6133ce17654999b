/** Small Redis helpers shared by the stores. */
@NullMarked
package dev.tandem.core.redis;

import org.jspecify.annotations.NullMarked;
