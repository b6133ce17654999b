package dev.tandem.it.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import dev.tandem.schemas.serde.AvroDeserializer;
import dev.tandem.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * What blender reads and writes, made and read the way the other services do, for tests that drive blender
 * without decision-api and the workers: outcome v1 as decision-api stores it, {@code EnrichmentCompleted} as a
 * worker publishes it, {@code OutcomeUpdated} as a reader of {@link Topics#OUTCOMES} decodes it. Every decision is
 * of the {@code payment-risk} flow and the {@link RedisKeys#DEFAULT_TENANT default tenant}.
 */
public final class BlenderEvents {

    /** The flow of every decision made here. */
    public static final String FLOW = "payment-risk";

    /** What the velocity enricher computes for an entity with a dozen recent payments. */
    public static final Map<String, Double> VELOCITY_FEATURES = Map.of("velocity_count_1m", 12.0,
            "velocity_count_1h", 12.0, "velocity_count_24h", 12.0, "velocity_sum_1h", 720.0, "velocity_sum_24h", 720.0);

    private static final AvroSerializer<EnrichmentCompleted> RESULTS = new AvroSerializer<>(EnrichmentCompleted.class);
    private static final AvroSerializer<DecisionMade> DECISIONS = new AvroSerializer<>(DecisionMade.class);
    private static final AvroDeserializer<OutcomeUpdated> OUTCOMES = new AvroDeserializer<>(OutcomeUpdated.class);

    private BlenderEvents() {
    }

    /**
     * Outcome v1 of a 40 EUR payment that the fast model approved, waiting for {@code requiredEnrichers}, with its
     * deadline {@code deadlineIn} after {@code now}. Store it with {@code RedisOutcomeStore.create}; it is not in
     * the deadline index, so no sweeper times it out.
     */
    public static Outcome provisional(String decisionId, String entityId, List<String> requiredEnrichers,
            Instant now, Duration deadlineIn) {
        Map<String, Double> features = Map.of("amount", 40.0, "account_age_days", 400.0, "avg_amount", 50.0,
                "chargebacks_90d", 0.0, "txn_count_30d", 12.0, "merchant_risk", 0.1);
        return new Outcome(decisionId, RedisKeys.DEFAULT_TENANT, FLOW, entityId, null, Priority.STANDARD,
                OutcomeStatus.PROVISIONAL, 1, Verdict.APPROVE, 0.05, new ModelInfo("payment-risk-fast", "1"),
                Verdict.APPROVE, List.of(), features, requiredEnrichers, Map.of(), false, now, now, now,
                now.plus(deadlineIn));
    }

    /**
     * The {@code DecisionMade} decision-api would have published for {@code provisional}, a payment of
     * {@code amount} EUR at merchant {@code m-1}, made at its creation time.
     */
    public static DecisionMade decisionMade(Outcome provisional, double amount) {
        return DecisionMade.newBuilder().setDecisionId(provisional.decisionId()).setTenant(provisional.tenant())
                .setFlow(provisional.flow()).setEntityId(provisional.entityId()).setRequestId(null)
                .setPriority(provisional.priority())
                .setAttributes(Map.of("amount", amount, "currency", "EUR", "merchantId", "m-1"))
                .setFeatures(provisional.features()).setVerdict(provisional.verdict()).setScore(provisional.score())
                .setModel(new ModelRef(provisional.model().name(), provisional.model().version()))
                .setRequiredEnrichers(provisional.pending()).setDegraded(false).setReasons(List.of())
                .setEventTime(provisional.eventTime()).setDecidedAt(provisional.createdAt())
                .setDeadline(provisional.deadline()).build();
    }

    /** Publishes {@code decisions} to their lanes, in order, with one producer. */
    public static List<RecordMetadata> publishDecisions(List<DecisionMade> decisions) {
        return KafkaProbe.sendAll(decisions.stream().map(d -> new ProducerRecord<>(Topics.decisions(d.getPriority()),
                d.getDecisionId(), DECISIONS.serialize(Topics.DECISIONS, d))).toList());
    }

    /** One enricher's result for {@code decision}; {@code reason} only when the status is not OK. */
    public static EnrichmentCompleted result(Outcome decision, String enricher, EnrichmentStatus status,
            @Nullable String reason, Map<String, Double> features) {
        return EnrichmentCompleted.newBuilder().setDecisionId(decision.decisionId()).setTenant(decision.tenant())
                .setFlow(decision.flow()).setEntityId(decision.entityId()).setEnricher(enricher)
                .setEnricherVersion("1").setStatus(status).setReason(reason).setFeatures(features)
                .setEventTime(decision.eventTime()).setComputedAt(Instant.now()).build();
    }

    /** Publishes {@code result} to {@link Topics#ENRICHMENTS}, keyed by its decision id, and waits for the ack. */
    public static RecordMetadata publish(EnrichmentCompleted result) {
        return KafkaProbe.send(Topics.ENRICHMENTS, result.getDecisionId(),
                RESULTS.serialize(Topics.ENRICHMENTS, result));
    }

    /** Publishes {@code results} as {@link #publish(EnrichmentCompleted)} does, in order, with one producer. */
    public static List<RecordMetadata> publish(List<EnrichmentCompleted> results) {
        return KafkaProbe.sendAll(results.stream().map(r -> new ProducerRecord<>(Topics.ENRICHMENTS, r.getDecisionId(),
                RESULTS.serialize(Topics.ENRICHMENTS, r))).toList());
    }

    /**
     * What {@code stored} reads as on {@link Topics#OUTCOMES}, field by field as blender announces it (times in
     * milliseconds, as the schema keeps them).
     */
    public static OutcomeUpdated announcement(Outcome stored) {
        return OutcomeUpdated.newBuilder().setDecisionId(stored.decisionId()).setTenant(stored.tenant())
                .setFlow(stored.flow()).setEntityId(stored.entityId()).setStatus(stored.status())
                .setVersion(stored.version()).setVerdict(stored.verdict())
                .setProvisionalVerdict(stored.provisionalVerdict()).setScore(stored.score())
                .setModel(new ModelRef(stored.model().name(), stored.model().version()))
                .setCompletedEnrichers(stored.completed()).setPendingEnrichers(stored.pending())
                .setReasons(stored.reasons()).setUpdatedAt(stored.updatedAt().truncatedTo(ChronoUnit.MILLIS)).build();
    }

    /**
     * Every {@code OutcomeUpdated} of the given decisions on {@link Topics#OUTCOMES} so far, decoded; those of one
     * decision in the order they were written (one decision's records share a partition).
     */
    public static List<OutcomeUpdated> announced(Collection<String> decisionIds) {
        Set<String> wanted = Set.copyOf(decisionIds);
        return KafkaProbe.readToEnd(Topics.OUTCOMES).stream().filter(r -> wanted.contains(r.key()))
                .map(r -> OUTCOMES.deserialize(r.topic(), r.value())).toList();
    }
}
