package dev.tandem.blender.deadline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.failure.Await;
import dev.tandem.core.failure.UnprocessableException;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.OutcomeStore.CreateResult;
import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.OutcomeStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code DecisionMade}: indexes the outcome's deadline for the sweeper and stores outcome v1 when it is
 * missing (its write in decision-api may have failed; Kafka is the log of record), then forgets the deadline again if
 * the outcome turns out to be final already. The merge forgets a deadline when it makes the outcome final, and may do
 * so before the deadline is indexed here; so the deadline is indexed first and the outcome read after it (the create
 * returns what is stored): a merge that finalised before the read is seen by it, one after it finds the entry to
 * forget. Both commands are sent before either answer is awaited, one round trip: on one connection Redis runs them
 * in the order sent, which is why the index and the store must share the connection. (Were they to reach different
 * servers, as on a Redis Cluster, an entry could outlive its outcome's finalisation until its deadline, when the
 * sweeper finds the outcome final and drops it.) Every step is idempotent, so redelivery is harmless.
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
        var due = new DeadlineIndex.Due(decision.getTenant(), decision.getDecisionId());
        CompletionStage<?> indexed = index.add(due.tenant(), due.decisionId(), decision.getDeadline());
        CompletionStage<CreateResult> stored = outcomes.create(provisional(decision));
        Await.on(indexed, storeTimeout, "redis", "indexing a deadline");
        if (Await.on(stored, storeTimeout, "redis", "storing a missing outcome").outcome().isFinal()) {
            // merged (or timed out) already, perhaps before the entry existed for the merge to forget
            index.remove(due);
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
