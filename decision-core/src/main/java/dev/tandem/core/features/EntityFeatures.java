package dev.tandem.core.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity's online features as read from the store.
 *
 * @param values feature values by name; fields that are not numbers are left out
 * @param known whether the store had the entity at all
 * @param groups the stamps of the feature groups the store holds for the entity, by group name (expired ones
 *        included: the reader decides, it knows the time)
 */
public record EntityFeatures(Map<String, Double> values, boolean known, Map<String, GroupStamp> groups) {

    public EntityFeatures {
        values = Map.copyOf(values);
        groups = Map.copyOf(groups);
    }

    /** Features without group stamps. */
    public EntityFeatures(Map<String, Double> values, boolean known) {
        this(values, known, Map.of());
    }

    /**
     * The features usable at {@code now}: without the features of groups that expired. An entity whose groups all
     * expired counts as unknown.
     */
    public EntityFeatures usableAt(Instant now) {
        List<String> expired = new ArrayList<>(0);
        groups.forEach((name, stamp) -> {
            if (stamp.expired(now)) {
                expired.add(name);
            }
        });
        if (expired.isEmpty()) {
            return this;
        }
        var usableValues = new HashMap<>(values);
        var usableGroups = new HashMap<>(groups);
        for (String group : expired) {
            usableValues.keySet().removeAll(groups.get(group).fields());
            usableGroups.remove(group);
        }
        return new EntityFeatures(usableValues, !usableValues.isEmpty() || !usableGroups.isEmpty(), usableGroups);
    }

    /** What the store answers for an entity it has never seen: no features. */
    public static EntityFeatures unknown() {
        return new EntityFeatures(Map.of(), false, Map.of());
    }
}
