/**
 * Real infrastructure without Docker, and the all-in-one local run.
 *
 * <p>{@link dev.tandem.devserver.KafkaBroker} is an Apache Kafka broker in this JVM (KRaft, combined broker and
 * controller); {@link dev.tandem.devserver.RedisServerProcess} is a redis-server child process (the binary shipped
 * by embedded-redis). {@link dev.tandem.devserver.DevServer} starts both and the three services on fixed ports;
 * {@link dev.tandem.devserver.Demo} loads sample features and sends decisions to a running decision-api.
 */
@NullMarked
package dev.tandem.devserver;

import org.jspecify.annotations.NullMarked;
