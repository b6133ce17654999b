package dev.tandem.it.support;

/** Where the tests' Kafka or Redis comes from, in the order they are tried. */
public enum InfrastructureSource {
    /** An address given in the environment ({@code TANDEM_KAFKA_BOOTSTRAP}, {@code TANDEM_REDIS_URL}). */
    ENVIRONMENT,
    /** A container, when a Docker engine answers. */
    TESTCONTAINERS,
    /** The in-process broker and the redis-server child of dev-server. */
    IN_PROCESS
}
