/** enrichment-workers: Kafka-driven enrichers that compute the slow features of a decision. */
@NullMarked
package dev.tandem.workers;

import org.jspecify.annotations.NullMarked;
