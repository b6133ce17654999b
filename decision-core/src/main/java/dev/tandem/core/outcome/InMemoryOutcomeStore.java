package dev.tandem.core.outcome;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link OutcomeStore} in memory with the same semantics as the Redis one, for fast tests of
 * the code that uses the port. Thread-safe.
 */
public final class InMemoryOutcomeStore implements OutcomeStore {

    private record Entry(Outcome outcome, Set<String> applied) {
    }

    private record Kept(OutboxEntry entry, Instant since) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Kept> outbox = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A store whose outbox entries are stamped with the system clock. */
    public InMemoryOutcomeStore() {
        this(Clock.systemUTC());
    }

    /** A store whose outbox entries are stamped with {@code clock}. */
    public InMemoryOutcomeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
        return create(outcome).thenApply(result -> {
            if (result instanceof Created) {
                outbox.put(key(outcome.tenant(), outcome.decisionId()), new Kept(announcement, clock.instant()));
            }
            return result;
        });
    }

    @Override
    public CompletionStage<Void> published(String tenant, String decisionId) {
        outbox.remove(key(tenant, decisionId));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit) {
        return CompletableFuture.completedFuture(outbox.values().stream().filter(kept -> kept.since().isBefore(before))
                .sorted(java.util.Comparator.comparing(Kept::since)).limit(limit).map(Kept::entry).toList());
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome) {
        Entry[] previous = new Entry[1];
        entries.compute(key(outcome.tenant(), outcome.decisionId()), (k, existing) -> {
            previous[0] = existing;
            return existing != null ? existing : new Entry(outcome, Set.of());
        });
        return CompletableFuture.completedFuture(
                previous[0] == null ? new Created(outcome) : new Existing(previous[0].outcome()));
    }

    @Override
    public CompletionStage<Optional<Outcome>> find(String tenant, String decisionId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(entries.get(key(tenant, decisionId))).map(Entry::outcome));
    }

    @Override
    public CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher) {
        ApplyResult[] result = new ApplyResult[] { ApplyResult.MISSING };
        entries.computeIfPresent(key(next.tenant(), next.decisionId()), (k, entry) -> {
            if (entry.applied().contains(enricher)) {
                result[0] = ApplyResult.DUPLICATE;
                return entry;
            }
            if (entry.outcome().version() != expectedVersion) {
                result[0] = ApplyResult.CONFLICT;
                return entry;
            }
            result[0] = ApplyResult.APPLIED;
            var applied = new HashSet<>(entry.applied());
            applied.add(enricher);
            return new Entry(next, Set.copyOf(applied));
        });
        return CompletableFuture.completedFuture(result[0]);
    }

    @Override
    public CompletionStage<ApplyResult> update(Outcome next, long expectedVersion) {
        ApplyResult[] result = new ApplyResult[] { ApplyResult.MISSING };
        entries.computeIfPresent(key(next.tenant(), next.decisionId()), (k, entry) -> {
            if (entry.outcome().version() != expectedVersion) {
                result[0] = ApplyResult.CONFLICT;
                return entry;
            }
            result[0] = ApplyResult.APPLIED;
            return new Entry(next, entry.applied());
        });
        return CompletableFuture.completedFuture(result[0]);
    }

    private static String key(String tenant, String decisionId) {
        return tenant + "/" + decisionId;
    }
}
