package dev.tandem.blender.merge;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.OutcomeUpdated;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes {@code OutcomeUpdated} to the compacted {@link Topics#OUTCOMES}, keyed by decision id. */
final class KafkaOutcomePublisher implements OutcomePublisher {

    private final KafkaTemplate<String, OutcomeUpdated> kafka;

    KafkaOutcomePublisher(KafkaTemplate<String, OutcomeUpdated> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void publish(Outcome outcome) {
        try {
            kafka.send(Topics.OUTCOMES, outcome.decisionId(), toEvent(outcome)).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing outcome " + outcome.decisionId(), ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not publish outcome " + outcome.decisionId() + " v" + outcome.version(), ex);
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
