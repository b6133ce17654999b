/**
 * Tandem's contracts: the catalogues of topic, header, Redis key and metric names that every
 * service shares, and (in {@code event}) the Avro events with their Kafka serdes.
 */
@NullMarked
package dev.tandem.schemas;

import org.jspecify.annotations.NullMarked;
