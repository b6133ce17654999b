/**
 * {@code ./tandem bench enrichers}: records per second, batch latency and allocation of the enrichers called
 * directly (no Kafka) at fixed batch sizes and with the adaptive batch size of the service.
 */
@NullMarked
package dev.tandem.benchmarks.enrichers;

import org.jspecify.annotations.NullMarked;
