package dev.tandem.core.features;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * When a feature group of an entity was computed, and until when it may be used. A group is the set of features one
 * writer computes together (the profile, the velocity windows); it is kept in the entity's hash as metadata fields
 * {@code @<group>.event_time}, {@code @<group>.expires_at} (epoch milliseconds) and {@code @<group>.fields} (the
 * feature names, comma-separated).
 *
 * @param eventTime the event time the group's values describe
 * @param expiresAt after this the group counts as missing; {@code null} when it does not expire
 * @param fields the group's features
 */
public record GroupStamp(Instant eventTime, @Nullable Instant expiresAt, Set<String> fields) {

    public GroupStamp {
        fields = Set.copyOf(fields);
    }

    /** The group's age at {@code now}: how old the facts are that a decision made now would use. */
    public Duration age(Instant now) {
        Duration age = Duration.between(eventTime, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Whether the group may no longer be used at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The metadata field of {@code group} that holds its event time. */
    public static String eventTimeField(String group) {
        return "@" + group + ".event_time";
    }

    /** The metadata field of {@code group} that holds its expiry. */
    public static String expiresAtField(String group) {
        return "@" + group + ".expires_at";
    }

    /** The metadata field of {@code group} that names its features. */
    public static String fieldsField(String group) {
        return "@" + group + ".fields";
    }
}
