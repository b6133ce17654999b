package dev.tandem.api.decision;

import java.util.Map;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.ModelRef;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code DecisionMade} to its priority's lane ({@link Topics#decisions}), keyed by decision id, without
 * waiting.
 */
final class KafkaDecisionPublisher implements DecisionPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaDecisionPublisher.class);

    private final KafkaTemplate<String, DecisionMade> kafka;
    private final MeterRegistry meters;

    KafkaDecisionPublisher(KafkaTemplate<String, DecisionMade> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    /**
     * Hands the event to the producer and returns. The producer blocks the caller only while it has
     * no metadata or no buffer space, for at most {@code max.block.ms} (set low in decision-api.yml);
     * every failure, thrown or reported later, is counted and logged, never passed to the caller.
     */
    @Override
    public void publish(Outcome outcome, Map<String, Object> attributes) {
        try {
            kafka.send(Topics.decisions(outcome.priority()), outcome.decisionId(), toEvent(outcome, attributes)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    failed(outcome, failure);
                }
            });
        }
        catch (RuntimeException ex) {
            failed(outcome, ex);
        }
    }

    private void failed(Outcome outcome, Throwable failure) {
        meters.counter(MetricNames.DECISION_PUBLISH_FAILURES, MetricNames.TAG_FLOW, outcome.flow()).increment();
        log.atError().setCause(failure)
                .addKeyValue("decisionId", outcome.decisionId())
                .addKeyValue("flow", outcome.flow())
                .log("DecisionMade publish failed; a repeated request republishes it");
    }

    static DecisionMade toEvent(Outcome outcome, Map<String, Object> attributes) {
        return DecisionMade.newBuilder()
                .setDecisionId(outcome.decisionId())
                .setTenant(outcome.tenant())
                .setFlow(outcome.flow())
                .setEntityId(outcome.entityId())
                .setRequestId(outcome.requestId())
                .setPriority(outcome.priority())
                .setAttributes(Map.copyOf(attributes))
                .setFeatures(Map.copyOf(outcome.features()))
                .setVerdict(outcome.verdict())
                .setScore(outcome.score())
                .setModel(new ModelRef(outcome.model().name(), outcome.model().version()))
                .setRequiredEnrichers(outcome.requiredEnrichers())
                .setDegraded(outcome.degraded())
                .setReasons(outcome.reasons())
                .setEventTime(outcome.eventTime())
                .setDecidedAt(outcome.createdAt())
                .setDeadline(outcome.deadline())
                .build();
    }
}
