/**
 * Decisions: the REST adapter, the plain decision service behind it, and the adapters to the
 * feature store, the outcome store and Kafka.
 */
@NullMarked
package dev.tandem.api.decision;

import org.jspecify.annotations.NullMarked;
