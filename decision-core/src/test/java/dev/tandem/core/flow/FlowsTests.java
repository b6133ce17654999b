package dev.tandem.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flows on the committed payment-risk artefacts, whose cards say they were trained for flow payment-risk. */
class FlowsTests {

    final ModelRegistry models = new ModelRegistry(null, getClass().getClassLoader());

    @AfterEach
    void close() {
        models.close();
    }

    static FlowDefinition paymentsWith(List<String> enrichers, @Nullable String modelsTrainedFor) {
        return new FlowDefinition(Map.of("amount", new AttributeSpec(AttributeType.POSITIVE_NUMBER, true)),
                List.of("amount", "account_age_days", "avg_amount", "chargebacks_90d", "txn_count_30d",
                        "merchant_risk"), Map.of(), enrichers, Duration.ofSeconds(5), new Thresholds(0.12, 0.81),
                new ModelChoice("payment-risk-fast", "1"), new ModelChoice("payment-risk-full", "1"), false,
                modelsTrainedFor, Map.of(), null);
    }

    @Test
    void of_flowOfAnotherNameThanTheModelsCards_isRefusedNamingTheFlowTheyWereTrainedFor() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Flows.of(Map.of("payment-risk-deep", paymentsWith(List.of("velocity"), null)), models))
                .withMessageStartingWith("tandem.flows.payment-risk-deep: ")
                .withMessageContaining("was trained for flow 'payment-risk'");
    }

    @Test
    void of_variantFlowNamingTheFlowItsModelsWereTrainedFor_servesWithThem() {
        Flows flows = Flows.of(Map.of("payment-risk", paymentsWith(List.of("velocity"), null),
                "payment-risk-deep", paymentsWith(List.of("velocity", "deep-risk"), "payment-risk")), models);

        Flow variant = flows.find("payment-risk-deep").orElseThrow();
        assertThat(variant.definition().requiredEnrichers()).containsExactly("velocity", "deep-risk");
        assertThat(variant.predictFull(Map.of("amount", 20.0)).model().name()).isEqualTo("payment-risk-full");
    }
}
