package dev.tandem.core.features;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code String} for each feature and group name, shared by every entity read. A hash read from Redis decodes its
 * field names into new strings, and an entity's features held in decision-api's cache would otherwise keep copies of
 * their own: about half of the 0.9 KB an entity of four features took (ADR 0039). Bounded, so that a writer inventing
 * names cannot grow it without end: past {@link #MAX} names a new one is used as read. Thread-safe.
 */
final class FeatureNames {

    /** Names kept at most: far more than the features of every flow. */
    static final int MAX = 10_000;

    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

    /** The shared string equal to {@code name}: the first one seen, or {@code name} itself once the table is full. */
    String canonical(String name) {
        String known = names.get(name);
        if (known != null) {
            return known;
        }
        if (names.size() >= MAX) {
            return name;
        }
        String first = names.putIfAbsent(name, name);
        return first == null ? name : first;
    }

    /** Names kept. */
    int size() {
        return names.size();
    }
}
