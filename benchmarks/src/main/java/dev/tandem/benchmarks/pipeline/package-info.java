/**
 * {@code ./tandem bench pipeline}: decision → FINAL through decision-api, enrichment-workers and blender in one JVM
 * against an in-process Kafka broker and a redis-server, at a steady open-loop rate, beside Kafka's own
 * {@code EndToEndLatency} tool on the same broker in the same run.
 */
@NullMarked
package dev.tandem.benchmarks.pipeline;

import org.jspecify.annotations.NullMarked;
