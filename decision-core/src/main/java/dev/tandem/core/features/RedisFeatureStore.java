package dev.tandem.core.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Online features in Redis: one hash per entity ({@link RedisKeys#features}), one field per feature,
 * read with one HGETALL. Thread-safe over a shared Lettuce connection; stages complete on Lettuce's
 * I/O thread, so callers do their heavy work after awaiting them.
 */
public final class RedisFeatureStore implements FeatureStore {

    private final RedisAsyncCommands<String, String> redis;

    public RedisFeatureStore(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return redis.hgetall(RedisKeys.features(tenant, entityId)).thenApply(RedisFeatureStore::parse);
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        var reads = entityIds.stream().map(id -> read(tenant, id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> reads.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public CompletionStage<Void> write(String tenant, String entityId, Map<String, Double> features) {
        var fields = new HashMap<String, String>();
        features.forEach((name, value) -> fields.put(name, Double.toString(value)));
        return redis.hset(RedisKeys.features(tenant, entityId), fields).thenApply(added -> null);
    }

    private static EntityFeatures parse(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return EntityFeatures.unknown();
        }
        var values = new HashMap<String, Double>();
        fields.forEach((name, text) -> {
            if (name.startsWith("@")) {
                return; // metadata, such as the event time a feature group was computed for
            }
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    values.put(name, value);
                }
            }
            catch (NumberFormatException ignored) {
                // a non-numeric field is not a model feature
            }
        });
        return new EntityFeatures(values, true);
    }
}
