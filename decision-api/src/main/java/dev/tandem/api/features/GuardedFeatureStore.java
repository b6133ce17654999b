package dev.tandem.api.features;

import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.tandem.api.resilience.Circuits;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The online store behind Redis's circuit breaker: while it is open, reads fail at once and decisions degrade. */
final class GuardedFeatureStore implements FeatureStore {

    private final FeatureStore store;
    private final CircuitBreaker redis;

    GuardedFeatureStore(FeatureStore store, CircuitBreaker redis) {
        this.store = store;
        this.redis = redis;
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return Circuits.guard(redis, () -> store.read(tenant, entityId));
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        return Circuits.guard(redis, () -> store.readAll(tenant, entityIds));
    }

    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        return Circuits.guard(redis, () -> store.write(tenant, entityId, group));
    }
}
