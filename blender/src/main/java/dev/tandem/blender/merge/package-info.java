/**
 * Merging: the pure merge rules ({@link dev.tandem.blender.merge.OutcomeMerger}), the service that
 * applies them to the store at most once per result, and the Kafka adapter.
 */
@NullMarked
package dev.tandem.blender.merge;

import org.jspecify.annotations.NullMarked;
