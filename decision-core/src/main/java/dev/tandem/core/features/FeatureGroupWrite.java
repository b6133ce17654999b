package dev.tandem.core.features;

import java.time.Instant;
import java.util.Map;

/**
 * Values of one feature group of an entity, computed for an event time, to be written to the online store.
 *
 * @param group the group's name (letters, digits, '-' and '_')
 * @param eventTime the event time the values describe; a write never replaces a group stamped later
 * @param expiresAt when the values stop being usable (and the entity's hash may be dropped, if no group outlives
 *        them)
 * @param values feature values by name
 */
public record FeatureGroupWrite(String group, Instant eventTime, Instant expiresAt, Map<String, Double> values) {

    public FeatureGroupWrite {
        if (group == null || !group.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a feature group name is letters, digits, '-' and '_', was " + group);
        }
        if (!expiresAt.isAfter(eventTime)) {
            throw new IllegalArgumentException("feature group " + group + " expires before its event time");
        }
        values = Map.copyOf(values);
    }
}
