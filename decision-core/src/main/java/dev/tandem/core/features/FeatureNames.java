package dev.tandem.core.features;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code String} for each feature and group name, shared by every entity read. A hash read from Redis decodes its
 * field names into new strings, and an entity's features held in decision-api's cache would otherwise keep copies of
 * their own: about half of the 0.9 KB an entity of four features took (ADR 0039). Bounded, so that a writer inventing
 * names cannot grow it without end: past about {@link #MAX} names (readers at once may each add one more) a new one is
 * used as read, and that is said once in the log. Thread-safe.
 */
final class FeatureNames {

    /** Names kept, about: far more than the features of every flow. */
    static final int MAX = 10_000;

    private static final Logger log = LoggerFactory.getLogger(FeatureNames.class);

    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();
    private final AtomicBoolean full = new AtomicBoolean();

    /** The shared string equal to {@code name}: the first one seen, or {@code name} itself once the table is full. */
    String canonical(String name) {
        String known = names.get(name);
        if (known != null) {
            return known;
        }
        if (names.size() >= MAX) {
            if (full.compareAndSet(false, true)) {
                log.atWarn().addKeyValue("kept", names.size()).addKeyValue("name", name)
                        .log("feature name table full: names not seen before are no longer shared (does a writer"
                                + " invent feature names?)");
            }
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
