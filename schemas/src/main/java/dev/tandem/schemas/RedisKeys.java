package dev.tandem.schemas;

import org.jspecify.annotations.Nullable;

/**
 * Redis key patterns. Every key starts with the tenant and carries a hash tag, so that in a Redis
 * Cluster each Lua script touches a single slot: {@code {decisionId}} for outcomes and
 * {@code {entityId}} for everything kept per entity.
 */
public final class RedisKeys {

    /** The tenant of the local run and of requests that name none. */
    public static final String DEFAULT_TENANT = "default";

    private static final String PREFIX = "tandem:";

    private RedisKeys() {
    }

    /** Hash holding one outcome: its version, document and applied-enricher markers. */
    public static String outcome(String tenant, String decisionId) {
        return PREFIX + tenant + ":outcome:{" + decisionId + "}";
    }

    /**
     * Hash holding an entity's online features, one field per feature; fields named {@code @...} are metadata (such
     * as {@code @velocity.event_time}, the event time the velocity aggregates end at), not features.
     */
    public static String features(String tenant, String entityId) {
        return PREFIX + tenant + ":features:{" + entityId + "}";
    }

    /**
     * Sorted set of outcomes waiting for their deadline, one of {@code buckets} per hash slot so that
     * no single key takes every write: score = deadline (ms), member = {@code tenant/decisionId}.
     */
    public static String deadlines(int bucket) {
        return PREFIX + "deadlines:{" + bucket + "}";
    }

    /**
     * Sorted set indexing decisions whose announcing event may not be in the decision log yet (their outcome hash
     * holds it in field {@code outbox}), one of {@code buckets} per hash slot: score = when it was kept (ms), member =
     * {@code tenant/decisionId}.
     */
    public static String outbox(int bucket) {
        return PREFIX + "outbox:{" + bucket + "}";
    }

    /**
     * Pub/sub channel where the blender announces each new outcome version of a tenant, for live
     * readers (a message is {@code {"decisionId":…,"version":…,"status":…}}; the outcome itself is read
     * from its hash). Best effort: the outcomes topic is the durable record.
     */
    public static String outcomeUpdates(String tenant) {
        return PREFIX + tenant + ":outcome-updates";
    }

    /**
     * Pub/sub channel on which writers of a tenant's online features name an entity whose features changed, so
     * in-process feature caches forget it (a message is the entity id).
     */
    public static String featureUpdates(String tenant) {
        return PREFIX + tenant + ":feature-updates";
    }

    /** Pattern ({@code PSUBSCRIBE}) of every tenant's {@link #featureUpdates} channel. */
    public static String featureUpdatesOfAllTenants() {
        return PREFIX + "*:feature-updates";
    }

    /** The tenant a {@link #featureUpdates} channel belongs to, or {@code null} when the channel is not one. */
    public static @Nullable String tenantOfFeatureUpdates(String channel) {
        String suffix = ":feature-updates";
        if (!channel.startsWith(PREFIX) || !channel.endsWith(suffix)
                || channel.length() <= PREFIX.length() + suffix.length()) {
            return null;
        }
        return channel.substring(PREFIX.length(), channel.length() - suffix.length());
    }

    /**
     * String holding an entity's recent events for window aggregates, appended in arrival order, 32 bytes each (the
     * velocity enricher's {@code EventLog}).
     */
    public static String velocity(String tenant, String entityId) {
        return PREFIX + tenant + ":velocity-log:{" + entityId + "}";
    }
}
