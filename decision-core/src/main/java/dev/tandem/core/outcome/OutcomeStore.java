package dev.tandem.core.outcome;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where outcomes live. Every operation on one outcome is atomic; versions only grow.
 *
 * <p>Implementations are thread-safe. Failures of the store complete the returned stages
 * exceptionally; they are never swallowed.
 */
public interface OutcomeStore {

    /**
     * Stores {@code outcome} as version 1 unless an outcome with its id exists.
     *
     * @return {@link Created} when this call stored it, {@link Existing} with the stored outcome otherwise
     */
    CompletionStage<CreateResult> create(Outcome outcome);

    /**
     * As {@link #create(Outcome)}, and when this call stores the outcome it keeps {@code announcement} with it, in the
     * same atomic step: an outbox entry, until {@link #published} says the event reached the decision log.
     */
    CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement);

    /** Forgets the decision's outbox entry: its event is in the decision log. */
    CompletionStage<Void> published(String tenant, String decisionId);

    /**
     * Outbox entries kept since before {@code before} (their events were not confirmed published), at most about
     * {@code limit}: for a relay to publish them again.
     */
    CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit);

    /** The current outcome, if any. */
    CompletionStage<Optional<Outcome>> find(String tenant, String decisionId);

    /**
     * Replaces the outcome with {@code next} (whose version must be {@code expectedVersion + 1}) and
     * marks {@code enricher}'s result applied, atomically, if and only if that result was not applied
     * before and the stored version is still {@code expectedVersion}.
     */
    CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher);

    /**
     * Replaces the outcome with {@code next} (whose version must be {@code expectedVersion + 1}) if
     * the stored version is still {@code expectedVersion}: a change that no enricher result carries,
     * such as a deadline passing.
     *
     * @return APPLIED, CONFLICT (read again and retry) or MISSING
     */
    CompletionStage<ApplyResult> update(Outcome next, long expectedVersion);

    /** What {@link #create} did. */
    sealed interface CreateResult {
        Outcome outcome();
    }

    /** This call stored the outcome. */
    record Created(Outcome outcome) implements CreateResult {
    }

    /** An outcome with that id was already stored; it is returned unchanged. */
    record Existing(Outcome outcome) implements CreateResult {
    }

    /** What {@link #apply} did. */
    enum ApplyResult {
        /** The result was applied and the version grew by one. */
        APPLIED,
        /** The enricher's result had been applied before: nothing changed. */
        DUPLICATE,
        /** The stored version moved on since it was read: read again and retry. */
        CONFLICT,
        /** No outcome with that id is stored. */
        MISSING
    }
}
