/**
 * The platform under test, shared by the plain-main benchmarks: the three services (or some of them) in this JVM
 * against a given Kafka and Redis, the asynchronous half in a second JVM at the lowest CPU priority, and the
 * payment-risk decisions (with their entities' online features) they are sent.
 */
@NullMarked
package dev.tandem.benchmarks.platform;

import org.jspecify.annotations.NullMarked;
