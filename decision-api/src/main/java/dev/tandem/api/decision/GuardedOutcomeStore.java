package dev.tandem.api.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.tandem.api.resilience.Circuits;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The outcome store behind Redis's circuit breaker (the same one as the features'): while it is open a decision goes
 * to the decision log at once instead of waiting for the store, and reads answer 503 at once.
 */
final class GuardedOutcomeStore implements OutcomeStore {

    private final OutcomeStore store;
    private final CircuitBreaker redis;

    GuardedOutcomeStore(OutcomeStore store, CircuitBreaker redis) {
        this.store = store;
        this.redis = redis;
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome) {
        return Circuits.guard(redis, () -> store.create(outcome));
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
        return Circuits.guard(redis, () -> store.create(outcome, announcement));
    }

    @Override
    public CompletionStage<Void> published(String tenant, String decisionId) {
        return Circuits.guard(redis, () -> store.published(tenant, decisionId));
    }

    @Override
    public CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit) {
        return Circuits.guard(redis, () -> store.unpublished(before, limit));
    }

    @Override
    public CompletionStage<Optional<Outcome>> find(String tenant, String decisionId) {
        return Circuits.guard(redis, () -> store.find(tenant, decisionId));
    }

    @Override
    public CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher) {
        return Circuits.guard(redis, () -> store.apply(next, expectedVersion, enricher));
    }

    @Override
    public CompletionStage<ApplyResult> update(Outcome next, long expectedVersion) {
        return Circuits.guard(redis, () -> store.update(next, expectedVersion));
    }
}
