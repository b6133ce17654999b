package dev.tandem.core.features;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The online feature store: an entity's features, read in one round trip.
 *
 * <p>Thread-safe; reads never block the caller (the caller applies its own deadline to the
 * returned stage); failures complete the stage exceptionally.
 */
public interface FeatureStore {

    /** The entity's features; {@link EntityFeatures#unknown()} when the store has none. */
    CompletionStage<EntityFeatures> read(String tenant, String entityId);

    /**
     * Several entities' features in one round trip (the reads are pipelined), in the order asked.
     * A flow reads its entity and, for example, the merchant of the request this way.
     */
    CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds);

    /**
     * As {@link #readAll(String, List)}, where a copy held in a cache may be served only if it was read from the
     * store at most {@code maxAge} ago; a store without a cache reads the store.
     */
    default CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds, Duration maxAge) {
        return readAll(tenant, entityIds);
    }

    /**
     * Writes one feature group of an entity, leaving the other groups as they are, and tells feature caches to
     * forget the entity; nothing is written when the store holds the group computed for a later event time.
     *
     * @return whether it was written
     */
    CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group);
}
