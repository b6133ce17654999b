package dev.tandem.api.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tandem.core.flow.AttributeSpec;
import dev.tandem.core.flow.AttributeType;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.flow.Thresholds;
import dev.tandem.core.model.LogisticModel;
import dev.tandem.core.model.LogisticModelSpec;
import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.outcome.Outcome;

/** Fixtures: a payment flow like the sample one, and a publisher that records what it is given. */
final class TestDecisions {

    private TestDecisions() {
    }

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
                Map.of("profile", Duration.ofHours(36), "merchant", Duration.ofHours(36)));
        return Flows.of(Map.of("payment-risk", definition), ModelRegistry.of(fast));
    }

    static final class RecordingPublisher implements DecisionPublisher {
        final List<Outcome> published = new ArrayList<>();

        @Override
        public synchronized void publish(Outcome outcome, Map<String, Object> attributes) {
            published.add(outcome);
        }
    }
}
