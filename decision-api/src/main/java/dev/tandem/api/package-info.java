/** decision-api: answers decision requests synchronously and hands the slow work to Kafka. */
@NullMarked
package dev.tandem.api;

import org.jspecify.annotations.NullMarked;
