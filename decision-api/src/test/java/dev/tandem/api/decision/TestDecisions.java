package dev.tandem.api.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.tandem.core.flow.AttributeSpec;
import dev.tandem.core.flow.AttributeType;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.flow.Thresholds;
import dev.tandem.core.model.LogisticModel;
import dev.tandem.core.model.LogisticModelSpec;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;

/** Fixtures: a payment flow like the sample one, and a publisher that records what it is given. */
final class TestDecisions {

    private TestDecisions() {
    }

    /** A provisional payment-risk outcome waiting for velocity. */
    static Outcome provisional(String decisionId) {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        return new Outcome(decisionId, "default", "payment-risk", "e-1", null, Priority.STANDARD,
                OutcomeStatus.PROVISIONAL, 1, Verdict.APPROVE, 0.1, new ModelInfo("payment-risk-fast", "1"),
                Verdict.APPROVE, List.of(), Map.of("amount", 10.0), List.of("velocity"), Map.of(), false, now, now,
                now, now.plusSeconds(5));
    }

    /** Metrics nobody reads. */
    static final DecisionService.DecisionMetrics NO_METRICS = new DecisionService.DecisionMetrics() {
        @Override
        public void featureAge(String flow, String group, Duration age) {
        }

        @Override
        public void loggedOnly(String flow) {
        }
    };

    /** Fast model: score = sigmoid(-4 + 0.01 * amount + 1.2 * chargebacks + 2 * merchant_risk); 400 → REVIEW, 600 → DECLINE. */
    static Flows flows() {
        var fast = new LogisticModel(new LogisticModelSpec("payment-risk-fast", "1", -4,
                Map.of("amount", 0.01, "chargebacks_90d", 1.2, "merchant_risk", 2.0), Map.of()));
        var definition = new FlowDefinition(Map.of(
                "amount", new AttributeSpec(AttributeType.POSITIVE_NUMBER, true),
                "currency", new AttributeSpec(AttributeType.CURRENCY, true),
                "merchantId", new AttributeSpec(AttributeType.TEXT, true),
                "ip", new AttributeSpec(AttributeType.TEXT, false)),
                List.of("amount", "chargebacks_90d", "merchant_risk"), Map.of("merchant", "merchantId"),
                List.of("velocity"), Duration.ofSeconds(5),
                new Thresholds(0.5, 0.85), new ModelChoice("payment-risk-fast", "1"),
                new ModelChoice("payment-risk-fast", "1"), false, null,
                Map.of("profile", Duration.ofHours(36), "merchant", Duration.ofHours(36)), null);
        return Flows.of(Map.of("payment-risk", definition), ModelRegistry.of(fast));
    }

    /**
     * A publisher that records the outcomes whose announcements it was given to publish, and can play a broker that
     * is down (every publish fails) or never answers.
     */
    static final class RecordingPublisher implements DecisionPublisher {
        final List<Outcome> published = new ArrayList<>();
        final Map<String, Outcome> announced = new ConcurrentHashMap<>();
        volatile boolean down;
        volatile boolean silent;

        @Override
        public OutboxEntry announcement(Outcome outcome, Map<String, Object> attributes) {
            String event = "event-" + announced.size() + "-" + outcome.decisionId();
            announced.put(event, outcome);
            return new OutboxEntry(outcome.tenant(), outcome.decisionId(), outcome.priority(), event);
        }

        @Override
        public synchronized CompletionStage<Void> publish(OutboxEntry announcement) {
            if (silent) {
                return new CompletableFuture<>();
            }
            if (down) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker is down"));
            }
            published.add(announced.get(announcement.event()));
            return CompletableFuture.completedFuture(null);
        }
    }
}
