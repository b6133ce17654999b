package dev.tandem.core.features;

import java.util.List;
import java.util.Map;
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

    /** Sets some of an entity's features, leaving the others as they are. */
    CompletionStage<Void> write(String tenant, String entityId, Map<String, Double> features);
}
