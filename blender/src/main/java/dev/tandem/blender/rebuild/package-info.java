/**
 * Rebuilding the outcomes from the log: Kafka is the log of record, so an empty Redis is refilled
 * by replaying {@code tandem.decisions} and then {@code tandem.enrichments} through the same rules.
 */
@NullMarked
package dev.tandem.blender.rebuild;

import org.jspecify.annotations.NullMarked;
