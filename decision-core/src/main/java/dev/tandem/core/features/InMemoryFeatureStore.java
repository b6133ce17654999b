package dev.tandem.core.features;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/** A fake {@link FeatureStore} in memory, for fast tests of the code that uses the port. */
public final class InMemoryFeatureStore implements FeatureStore {

    private final Map<String, EntityFeatures> entities = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        EntityFeatures features = entities.get(tenant + "/" + entityId);
        return CompletableFuture.completedFuture(features == null ? EntityFeatures.unknown() : features);
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        return CompletableFuture.completedFuture(
                entityIds.stream().map(id -> read(tenant, id).toCompletableFuture().join()).toList());
    }

    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        var written = new boolean[1];
        entities.compute(tenant + "/" + entityId, (key, old) -> {
            @Nullable GroupStamp stored = old == null ? null : old.groups().get(group.group());
            if (stored != null && group.eventTime().isBefore(stored.eventTime())) {
                return old;
            }
            var values = new HashMap<String, Double>(old == null ? Map.of() : old.values());
            values.putAll(group.values());
            var groups = new HashMap<String, GroupStamp>(old == null ? Map.of() : old.groups());
            groups.put(group.group(), new GroupStamp(group.eventTime(), group.expiresAt(), group.values().keySet()));
            written[0] = true;
            return new EntityFeatures(values, true, groups);
        });
        return CompletableFuture.completedFuture(written[0]);
    }

    /** Writes a group computed now that never expires in practice: for tests that only need values. */
    public void put(String tenant, String entityId, String group, Map<String, Double> values) {
        Instant now = Instant.now();
        write(tenant, entityId, new FeatureGroupWrite(group, now, Instant.MAX, values));
    }
}
