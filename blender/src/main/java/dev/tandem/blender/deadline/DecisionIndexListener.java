package dev.tandem.blender.deadline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.tandem.core.failure.Await;
import dev.tandem.core.failure.UnprocessableException;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.OutcomeStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code DecisionMade}: stores outcome v1 when it is missing (its write in decision-api may
 * have failed; Kafka is the log of record) and indexes the outcome's deadline for the sweeper, unless
 * the outcome is final already. The merge forgets a deadline when it makes the outcome final, and may
 * do so before the deadline is indexed here; so the outcome is read again after indexing and, if final
 * by then, forgotten. Every step is idempotent, so redelivery is harmless.
 */
public class DecisionIndexListener {

    private final OutcomeStore outcomes;
    private final DeadlineIndex index;
    private final Duration outcomeTtl;
    private final Duration storeTimeout;
    private final Clock clock;

    DecisionIndexListener(OutcomeStore outcomes, DeadlineIndex index, Duration outcomeTtl, Duration storeTimeout,
            Clock clock) {
        this.outcomes = outcomes;
        this.index = index;
        this.outcomeTtl = outcomeTtl;
        this.storeTimeout = storeTimeout;
        this.clock = clock;
    }

    @KafkaListener(id = "blender-deadlines", idIsGroup = false, groupId = ConsumerGroups.BLENDER_DEADLINES,
            topics = { Topics.DECISIONS, Topics.DECISIONS_BULK }, containerFactory = "decisionListenerFactory")
    void onDecision(ConsumerRecord<String, DecisionMade> record) {
        DecisionMade decision = record.value();
        if (decision == null) {
            throw new UnprocessableException("empty record (key " + record.key() + ") on " + record.topic());
        }
        if (decision.getRequiredEnrichers().isEmpty()
                || decision.getDecidedAt().plus(outcomeTtl).isBefore(clock.instant())) {
            // nothing to wait for, or so old that its outcome has expired: bringing it back would
            // announce a lower version over the real end state
            return;
        }
        Outcome stored = Await.on(outcomes.create(provisional(decision)), storeTimeout, "redis",
                "storing a missing outcome").outcome();
        if (stored.isFinal()) {
            return; // merged (or timed out) already: nothing is in flight
        }
        index.add(decision.getTenant(), decision.getDecisionId(), decision.getDeadline());
        // a merge that made it final since the create found nothing to forget: look again, after the add
        if (Await.on(outcomes.find(decision.getTenant(), decision.getDecisionId()), storeTimeout, "redis",
                "reading an indexed outcome").map(Outcome::isFinal).orElse(false)) {
            index.remove(new DeadlineIndex.Due(decision.getTenant(), decision.getDecisionId()));
        }
    }

    /** Outcome v1 as decision-api stored it, rebuilt from the event. */
    public static Outcome provisional(DecisionMade d) {
        return new Outcome(d.getDecisionId(), d.getTenant(), d.getFlow(), d.getEntityId(), d.getRequestId(),
                d.getPriority(), OutcomeStatus.PROVISIONAL, 1, d.getVerdict(), d.getScore(),
                new ModelInfo(d.getModel().getName(), d.getModel().getVersion()), d.getVerdict(), d.getReasons(),
                d.getFeatures(), d.getRequiredEnrichers(), Map.of(), d.getDegraded(), d.getEventTime(), d.getDecidedAt(),
                d.getDecidedAt(), d.getDeadline());
    }

}
