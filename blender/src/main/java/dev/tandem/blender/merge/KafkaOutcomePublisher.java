package dev.tandem.blender.merge;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    @Override
    public void publish(Outcome outcome) {
        try {
            kafka.send(Topics.OUTCOMES, outcome.decisionId(), toEvent(outcome)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException("kafka", "publishing outcome " + outcome.decisionId() + " (interrupted)", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new DependencyException("kafka", "publishing outcome " + outcome.decisionId() + " v" + outcome.version(),
                    ex.getCause() != null ? ex.getCause() : ex);
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
