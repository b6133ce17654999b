package dev.tandem.core.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A fake {@link FeatureStore} in memory, for fast tests of the code that uses the port. */
public final class InMemoryFeatureStore implements FeatureStore {

    private final Map<String, Map<String, Double>> entities = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        Map<String, Double> values = entities.get(tenant + "/" + entityId);
        return CompletableFuture.completedFuture(values == null ? EntityFeatures.unknown() : new EntityFeatures(values, true));
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        return CompletableFuture.completedFuture(
                entityIds.stream().map(id -> read(tenant, id).toCompletableFuture().join()).toList());
    }

    @Override
    public CompletionStage<Void> write(String tenant, String entityId, Map<String, Double> features) {
        entities.merge(tenant + "/" + entityId, Map.copyOf(features), (old, added) -> {
            var merged = new HashMap<>(old);
            merged.putAll(added);
            return Map.copyOf(merged);
        });
        return CompletableFuture.completedFuture(null);
    }
}
