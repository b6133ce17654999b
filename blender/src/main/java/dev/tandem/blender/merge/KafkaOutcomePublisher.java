package dev.tandem.blender.merge;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.OutcomeUpdated;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes {@code OutcomeUpdated} to the compacted {@link Topics#OUTCOMES}, keyed by decision id. */
final class KafkaOutcomePublisher implements OutcomePublisher {

    private final KafkaTemplate<String, OutcomeUpdated> kafka;
    private final Duration timeout;

    KafkaOutcomePublisher(KafkaTemplate<String, OutcomeUpdated> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /**
     * Sends without waiting; the stage completes when the broker acknowledges, or fails with a
     * {@link DependencyException} when it does not within the timeout. (The send itself may block up to the
     * producer's {@code max.block.ms} while it has no metadata for the topic.)
     */
    @Override
    public CompletionStage<?> publish(Outcome outcome) {
        String what = "publishing outcome " + outcome.decisionId() + " v" + outcome.version();
        try {
            return kafka.send(Topics.OUTCOMES, outcome.decisionId(), toEvent(outcome))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new DependencyException("kafka",
                            what, failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure)));
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(new DependencyException("kafka", what, ex));
        }
    }

    static OutcomeUpdated toEvent(Outcome o) {
        return OutcomeUpdated.newBuilder()
                .setDecisionId(o.decisionId())
                .setTenant(o.tenant())
                .setFlow(o.flow())
                .setEntityId(o.entityId())
                .setStatus(o.status())
                .setVersion(o.version())
                .setVerdict(o.verdict())
                .setProvisionalVerdict(o.provisionalVerdict())
                .setScore(o.score())
                .setModel(new ModelRef(o.model().name(), o.model().version()))
                .setCompletedEnrichers(o.completed())
                .setPendingEnrichers(o.pending())
                .setReasons(o.reasons())
                .setUpdatedAt(o.updatedAt())
                .build();
    }
}
