/**
 * Spring Kafka wiring shared by the services that consume Tandem's topics: listener container
 * factories for Avro events with {@code ErrorHandlingDeserializer}, retries with exponential
 * back-off, and dead letters with the reason in headers; the topics' layout, and their creation retried until the
 * broker has them.
 */
@NullMarked
package dev.tandem.support.kafka;

import org.jspecify.annotations.NullMarked;
