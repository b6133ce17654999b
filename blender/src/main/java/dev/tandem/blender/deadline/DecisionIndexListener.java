package dev.tandem.blender.deadline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * Consumes {@code DecisionMade}: stores outcome v1 when it is missing (its write in decision-api may have failed;
 * Kafka is the log of record), indexes the outcome's deadline for the sweeper, and reads the outcome again: if a
 * merge made it FINAL meanwhile, the deadline is forgotten. Three commands, sent in that order before any answer is
 * awaited: one round trip, and Redis runs one connection's commands in the order sent (which is why the index and
 * the store share the connection).
 * <ul>
 * <li>The create comes first, so the sweeper never finds an indexed deadline without its outcome (it drops such
 * entries, and a create after that drop would leave an outcome provisional for good).</li>
 * <li>The merge forgets a deadline when it makes the outcome final, and may do so before the deadline is indexed:
 * the read after the index sees such a merge, and a merge after the read finds the entry to forget.</li>
 * <li>A TIMED_OUT outcome keeps its entry: the sweeper announces it again and then drops the entry (it may have
 * stored the timeout and died before announcing it).</li>
 * </ul>
 * When this listener is the one that stores the outcome (decision-api's write failed), it indexes and reads again once
 * the create is done: the create's script may have been sent again, after the other two, when Redis did not know it.
 * (Were the commands to reach different servers, as on a Redis Cluster, a deadline could outlive its outcome's
 * finalisation until it is due, when the sweeper finds the outcome final and drops it.) Every step is idempotent, so
 * redelivery is harmless.
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
        CompletionStage<CreateResult> stored = outcomes.create(provisional(decision));
        CompletionStage<?> indexed = index.add(due.tenant(), due.decisionId(), decision.getDeadline());
        CompletionStage<Optional<Outcome>> current = outcomes.find(due.tenant(), due.decisionId());
        CreateResult created = Await.on(stored, storeTimeout, "redis", "storing a missing outcome");
        Await.on(indexed, storeTimeout, "redis", "indexing a deadline");
        Optional<Outcome> read = Await.on(current, storeTimeout, "redis", "reading an indexed outcome");
        if (created instanceof OutcomeStore.Created) {
            // Rare: decision-api's own write failed. The create may then have reached Redis after the index entry and
            // the read: when Redis did not know the script (after a restart) its EVAL is sent only once the EVALSHA
            // failed, and a sweeper pass in between drops the entry as one without an outcome. Index and read again.
            Await.on(index.add(due.tenant(), due.decisionId(), decision.getDeadline()), storeTimeout, "redis",
                    "indexing a deadline");
            read = Await.on(outcomes.find(due.tenant(), due.decisionId()), storeTimeout, "redis",
                    "reading an indexed outcome");
        }
        if (read.map(outcome -> outcome.status() == OutcomeStatus.FINAL).orElse(false)) {
            // merged already, perhaps before the entry existed for the merge to forget
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
