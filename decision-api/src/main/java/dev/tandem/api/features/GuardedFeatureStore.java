package dev.tandem.api.features;

import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.tandem.api.resilience.Bulkhead;
import dev.tandem.api.resilience.Circuits;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The online store behind its bulkhead and Redis's circuit breaker: with as many calls in flight as the bulkhead
 * allows, or while the breaker is open, a call fails at once and the decision degrades. A refusal by the bulkhead
 * is not a failure of Redis: the breaker does not count it.
 */
final class GuardedFeatureStore implements FeatureStore {

    private final FeatureStore store;
    private final CircuitBreaker redis;
    private final Bulkhead bulkhead;

    GuardedFeatureStore(FeatureStore store, CircuitBreaker redis, Bulkhead bulkhead) {
        this.store = store;
        this.redis = redis;
        this.bulkhead = bulkhead;
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return bulkhead.call(() -> Circuits.guard(redis, () -> store.read(tenant, entityId)));
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        return bulkhead.call(() -> Circuits.guard(redis, () -> store.readAll(tenant, entityIds)));
    }

    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        return bulkhead.call(() -> Circuits.guard(redis, () -> store.write(tenant, entityId, group)));
    }
}
