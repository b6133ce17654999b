/** Kafka serializers for Tandem's Avro events in single-object encoding. */
@NullMarked
package dev.tandem.schemas.serde;

import org.jspecify.annotations.NullMarked;
