package dev.tandem.blender.merge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.failure.Await;
import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.flow.Flow;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.event.EnrichmentCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one enrichment result to its outcome at most once: read, merge with the pure rules,
 * write with a compare-and-set that also refuses a result applied before, tell the
 * {@link OutcomeFinalisation} when that write made the outcome final, and announce the new
 * version. A conflict re-reads and merges again. Plain Java over ports; thread-safe.
 */
public final class MergeService {

    private static final Logger log = LoggerFactory.getLogger(MergeService.class);
    private static final CompletionStage<?> NOTHING = CompletableFuture.completedFuture(null);

    private final Flows flows;
    private final OutcomeStore outcomes;
    private final OutcomePublisher publisher;
    private final OutcomeFinalisation finalisation;
    private final BlenderMetrics metrics;
    private final OutcomeMerger merger = new OutcomeMerger();
    private final Clock clock;
    private final int maxConflicts;
    private final Duration storeTimeout;

    /** A merge that tells nobody when an outcome becomes final ({@link OutcomeFinalisation#NONE}). */
    public MergeService(Flows flows, OutcomeStore outcomes, OutcomePublisher publisher, BlenderMetrics metrics, Clock clock,
            int maxConflicts, Duration storeTimeout) {
        this(flows, outcomes, publisher, OutcomeFinalisation.NONE, metrics, clock, maxConflicts, storeTimeout);
    }

    /**
     * @param finalisation told, best effort, when a merge makes an outcome final
     */
    public MergeService(Flows flows, OutcomeStore outcomes, OutcomePublisher publisher,
            OutcomeFinalisation finalisation, BlenderMetrics metrics, Clock clock, int maxConflicts,
            Duration storeTimeout) {
        this.flows = flows;
        this.outcomes = outcomes;
        this.publisher = publisher;
        this.finalisation = finalisation;
        this.metrics = metrics;
        this.clock = clock;
        this.maxConflicts = maxConflicts;
        this.storeTimeout = storeTimeout;
    }

    /**
     * Merges one result: the write happens before this returns; the announcement of what is stored may still be on
     * its way. Callers wait for the returned stage before they commit the result's offset (a batch of merges can
     * share that wait).
     *
     * @return completes when the announcement is durable (at once when there is nothing to announce), exceptionally
     *         when it could not be made durable
     *
     * @throws MergeExceptions.UnknownFlow when the flow is not configured (not retryable)
     * @throws MergeExceptions.OutcomeMissing when the outcome is not stored (not retryable)
     * @throws MergeExceptions.TooManyConflicts when other writers kept winning (retryable)
     * @throws DependencyException when Redis or Kafka fails (retryable until they are back)
     */
    public CompletionStage<?> merge(EnrichmentCompleted event) {
        Flow flow = flows.find(event.getFlow()).orElseThrow(() -> new MergeExceptions.UnknownFlow(event.getFlow()));
        var result = new EnrichmentResult(event.getEnricher(), event.getEnricherVersion(), event.getStatus(),
                event.getReason(), event.getFeatures(), event.getComputedAt());
        for (int attempt = 1; attempt <= maxConflicts; attempt++) {
            Outcome current = read(event.getTenant(), event.getDecisionId());
            Instant now = clock.instant();
            switch (merger.merge(current, result, flow, now)) {
                case MergeDecision.Duplicate duplicate -> {
                    metrics.duplicate(result.enricher());
                    // announce again: an earlier run may have stored the merge and died before announcing it
                    return publisher.publish(duplicate.current());
                }
                case MergeDecision.Late late -> {
                    metrics.late(result.enricher());
                    log.atInfo().addKeyValue("decisionId", current.decisionId()).addKeyValue("enricher", result.enricher())
                            .addKeyValue("status", current.status()).log("late result ignored");
                    return NOTHING;
                }
                case MergeDecision.NotRequired notRequired -> {
                    log.atInfo().addKeyValue("decisionId", current.decisionId()).addKeyValue("enricher", result.enricher())
                            .log("result of an enricher the flow does not require ignored");
                    return NOTHING;
                }
                case MergeDecision.Amend amend -> {
                    Optional<CompletionStage<?>> announced = store(current, amend.next(), result, now, true);
                    if (announced.isPresent()) {
                        return announced.get();
                    }
                }
                case MergeDecision.Apply apply -> {
                    Optional<CompletionStage<?>> announced = store(current, apply.next(), result, now, false);
                    if (announced.isPresent()) {
                        return announced.get();
                    }
                }
            }
            log.atDebug().addKeyValue("decisionId", current.decisionId()).addKeyValue("attempt", attempt)
                    .log("merge conflict, retrying");
        }
        throw new MergeExceptions.TooManyConflicts(event.getDecisionId(), maxConflicts);
    }

    /**
     * Writes {@code next} if nobody changed the outcome and the result was not applied before, then
     * announces what is stored. Returns the announcement, or empty on a conflict (read again and retry).
     *
     * @param late whether the outcome was final already (an amendment): its end state was counted then
     */
    private Optional<CompletionStage<?>> store(Outcome current, Outcome next, EnrichmentResult result, Instant now,
            boolean late) {
        switch (await(outcomes.apply(next, current.version(), result.enricher()))) {
            case APPLIED -> {
                if (!current.isFinal() && next.isFinal()) {
                    finalised(next);
                }
                CompletionStage<?> announced = publisher.publish(next);
                if (late) {
                    metrics.late(result.enricher());
                }
                else {
                    metrics.applied(current, next, result.enricher(), now);
                }
                return Optional.of(announced);
            }
            case DUPLICATE -> {
                metrics.duplicate(result.enricher());
                return Optional.of(publisher.publish(read(current.tenant(), current.decisionId())));
            }
            case MISSING -> throw new MergeExceptions.OutcomeMissing(current.decisionId());
            case CONFLICT -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Best effort: whoever is told only tidies up, so its failure must not fail (and repeat) the merge. */
    private void finalised(Outcome outcome) {
        try {
            finalisation.finalised(outcome);
        }
        catch (RuntimeException ex) {
            log.atWarn().setCause(ex).addKeyValue("decisionId", outcome.decisionId())
                    .log("telling that an outcome is final failed; its deadline will drop it");
        }
    }

    private Outcome read(String tenant, String decisionId) {
        Optional<Outcome> outcome = await(outcomes.find(tenant, decisionId));
        return outcome.orElseThrow(() -> new MergeExceptions.OutcomeMissing(decisionId));
    }

    private <T> T await(CompletionStage<T> stage) {
        return Await.on(stage, storeTimeout, "redis", "merging an outcome");
    }
}
