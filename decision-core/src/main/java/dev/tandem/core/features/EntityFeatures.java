package dev.tandem.core.features;

import java.util.Map;

/**
 * An entity's online features as read from the store.
 *
 * @param values feature values by name; fields that are not numbers are left out
 * @param known whether the store had the entity at all
 */
public record EntityFeatures(Map<String, Double> values, boolean known) {

    public EntityFeatures {
        values = Map.copyOf(values);
    }

    /** What the store answers for an entity it has never seen: no features. */
    public static EntityFeatures unknown() {
        return new EntityFeatures(Map.of(), false);
    }
}
