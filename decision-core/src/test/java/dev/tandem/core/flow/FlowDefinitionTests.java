package dev.tandem.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.core.model.LogisticModel;
import dev.tandem.core.model.LogisticModelSpec;
import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

class FlowDefinitionTests {

    static FlowDefinition paymentRisk() {
        return new FlowDefinition(Map.of(
                "amount", new AttributeSpec(AttributeType.POSITIVE_NUMBER, true),
                "currency", new AttributeSpec(AttributeType.CURRENCY, true),
                "merchantId", new AttributeSpec(AttributeType.TEXT, true),
                "ip", new AttributeSpec(AttributeType.TEXT, false)),
                List.of("amount"), Map.of(), List.of("velocity"), Duration.ofSeconds(5), new Thresholds(0.5, 0.8),
                new ModelChoice("fast", "1"), new ModelChoice("full", "1"), false, null, Map.of(), null);
    }

    @Test
    void validate_goodAttributes_areCanonical() {
        var result = paymentRisk().validate(Map.of("amount", 12, "currency", "EUR", "merchantId", "m-1"));

        assertThat(result.isValid()).isTrue();
        assertThat(result.values()).containsEntry("amount", 12.0).containsEntry("currency", "EUR");
        assertThat(result.numericValues()).containsOnlyKeys("amount");
    }

    @Test
    void validate_eachBadField_isNamedWithWhatIsWrong() {
        var raw = new LinkedHashMap<String, Object>();
        raw.put("amount", -3);
        raw.put("currency", "EURO");
        raw.put("ip", 42);
        raw.put("amout", 1);

        var result = paymentRisk().validate(raw);

        assertThat(result.violations()).containsExactlyInAnyOrder(
                new AttributeViolation("attributes.amount", "must be a positive number"),
                new AttributeViolation("attributes.currency", "must be an ISO 4217 currency code, such as EUR"),
                new AttributeViolation("attributes.ip", "must be a string"),
                new AttributeViolation("attributes.amout", "is not an attribute of this flow; known: [amount, currency, ip, merchantId]"),
                new AttributeViolation("attributes.merchantId", "is required"));
    }

    @Test
    void validate_numberTooLargeForADouble_isNotFinite() {
        var result = paymentRisk().validate(Map.of("amount", new java.math.BigDecimal("1e400"), "currency", "EUR",
                "merchantId", "m"));

        assertThat(result.violations()).containsExactly(new AttributeViolation("attributes.amount", "must be a finite number"));
    }

    @Test
    void validate_numberAsText_isAWrongType() {
        var result = paymentRisk().validate(Map.of("amount", "12", "currency", "EUR", "merchantId", "m"));

        assertThat(result.violations()).containsExactly(new AttributeViolation("attributes.amount", "must be a number"));
    }

    @Test
    void thresholds_mapScoresToVerdicts() {
        var thresholds = new Thresholds(0.5, 0.8);

        assertThat(thresholds.verdictFor(0.49)).isEqualTo(Verdict.APPROVE);
        assertThat(thresholds.verdictFor(0.5)).isEqualTo(Verdict.REVIEW);
        assertThat(thresholds.verdictFor(0.8)).isEqualTo(Verdict.DECLINE);
        assertThatIllegalArgumentException().isThrownBy(() -> new Thresholds(0.9, 0.5));
    }

    static LogisticModel model(String name, String... inputs) {
        var weights = new java.util.HashMap<String, Double>();
        for (String input : inputs) {
            weights.put(input, 1.0);
        }
        return new LogisticModel(new LogisticModelSpec(name, "1", 0, weights, Map.of()));
    }

    @Test
    void flows_modelMissingFromTheRegistry_failsNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Flows.of(Map.of("p", paymentRisk()), new ModelRegistry(null, getClass().getClassLoader())))
                .withMessageStartingWith("tandem.flows.p: no model file fast/1/card.json");
    }

    @Test
    void flows_fastModelReadingANonSyncFeature_isRefused() {
        var registry = ModelRegistry.of(model("fast", "amount", "velocity_count_1m"), model("full", "amount"));

        assertThatIllegalArgumentException().isThrownBy(() -> Flows.of(Map.of("p", paymentRisk()), registry))
                .withMessage("tandem.flows.p: fast model ModelInfo[name=fast, version=1] reads [velocity_count_1m], "
                        + "which are not sync features of the flow [amount]");
    }

    @Test
    void flows_modelsFromTheRegistry_serveTheFlow() {
        var registry = ModelRegistry.of(model("fast", "amount"), model("full", "amount", "velocity_count_1m"));

        Flow flow = Flows.of(Map.of("p", paymentRisk()), registry).find("p").orElseThrow();

        assertThat(flow.fastModel().info().name()).isEqualTo("fast");
        assertThat(flow.fullModel().inputs()).contains("velocity_count_1m");
    }
}
