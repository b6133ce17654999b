package dev.tandem.api.features;

import java.util.List;
import java.util.concurrent.CompletionStage;

import java.util.function.Supplier;

import dev.tandem.api.resilience.Bulkhead;
import dev.tandem.api.resilience.Circuits;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * The online store behind its bulkhead, if it has one, and Redis's circuit breaker: with as many calls in flight as
 * the bulkhead allows, or while the breaker is open, a call fails at once and the decision degrades. A refusal by the
 * bulkhead is not a failure of Redis: the breaker does not count it. The main connection's store has the bulkhead
 * (a slow primary read holds its place until it ends, also when a hedge answered first); the hedges' store, whose
 * reads are a bounded share of all reads on a connection of their own, has none.
 */
final class GuardedFeatureStore implements FeatureStore {

    private final FeatureStore store;
    private final CircuitBreaker redis;
    private final @Nullable Bulkhead bulkhead;

    GuardedFeatureStore(FeatureStore store, CircuitBreaker redis, @Nullable Bulkhead bulkhead) {
        this.store = store;
        this.redis = redis;
        this.bulkhead = bulkhead;
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return guard(() -> store.read(tenant, entityId));
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        return guard(() -> store.readAll(tenant, entityIds));
    }

    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        return guard(() -> store.write(tenant, entityId, group));
    }

    private <T> CompletionStage<T> guard(Supplier<CompletionStage<T>> call) {
        return bulkhead == null ? Circuits.guard(redis, call)
                : bulkhead.call(() -> Circuits.guard(redis, call));
    }
}
