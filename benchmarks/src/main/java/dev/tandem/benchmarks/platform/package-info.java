/**
 * The platform under test, shared by the plain-main benchmarks: the three services in one JVM against a given Kafka
 * and Redis, and the payment-risk decisions (with their entities' online features) they are sent.
 */
@NullMarked
package dev.tandem.benchmarks.platform;

import org.jspecify.annotations.NullMarked;
