package dev.tandem.api.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.tandem.api.resilience.Bulkhead;
import dev.tandem.api.resilience.Circuits;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The outcome store behind Redis's circuit breaker (the same one as the features') and two bulkheads, one for writes
 * and one for reads, so that a flood of polls never takes the decisions' share of the connection: while the breaker
 * is open, or with a bulkhead full, a decision goes to the decision log at once instead of waiting for the store,
 * and reads answer 503 at once. A refusal by a bulkhead is not a failure of Redis: the breaker does not count it.
 */
final class GuardedOutcomeStore implements OutcomeStore {

    private final OutcomeStore store;
    private final CircuitBreaker redis;
    private final Bulkhead writes;
    private final Bulkhead reads;

    GuardedOutcomeStore(OutcomeStore store, CircuitBreaker redis, Bulkhead writes, Bulkhead reads) {
        this.store = store;
        this.redis = redis;
        this.writes = writes;
        this.reads = reads;
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome) {
        return writes.call(() -> Circuits.guard(redis, () -> store.create(outcome)));
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
        return writes.call(() -> Circuits.guard(redis, () -> store.create(outcome, announcement)));
    }

    @Override
    public CompletionStage<Void> published(String tenant, String decisionId) {
        return writes.call(() -> Circuits.guard(redis, () -> store.published(tenant, decisionId)));
    }

    @Override
    public CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit) {
        return reads.call(() -> Circuits.guard(redis, () -> store.unpublished(before, limit)));
    }

    @Override
    public CompletionStage<Optional<Outcome>> find(String tenant, String decisionId) {
        return reads.call(() -> Circuits.guard(redis, () -> store.find(tenant, decisionId)));
    }

    @Override
    public CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher) {
        return writes.call(() -> Circuits.guard(redis, () -> store.apply(next, expectedVersion, enricher)));
    }

    @Override
    public CompletionStage<ApplyResult> update(Outcome next, long expectedVersion) {
        return writes.call(() -> Circuits.guard(redis, () -> store.update(next, expectedVersion)));
    }
}
