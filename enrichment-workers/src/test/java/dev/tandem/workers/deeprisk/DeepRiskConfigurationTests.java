package dev.tandem.workers.deeprisk;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;

import dev.tandem.core.model.ModelRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeepRiskConfigurationTests {

    final ModelRegistry models = new ModelRegistry(null, getClass().getClassLoader());
    final DeepRiskConfiguration configuration = new DeepRiskConfiguration();

    final DeepRiskConfiguration.ScoringThreads scoring = DeepRiskConfiguration.ScoringThreads.of(
            properties("payment-risk-deep", List.of("amount")));

    @AfterEach
    void close() {
        scoring.close();
        models.close();
    }

    static DeepRiskConfiguration.DeepRiskProperties properties(String model, List<String> required) {
        return new DeepRiskConfiguration.DeepRiskProperties(
                new DeepRiskConfiguration.DeepRiskProperties.DeepModel(model, "1"), required, 1, 8);
    }

    @Test
    void deepRiskEnricher_committedDeepModel_isActivatedAndServes() {
        assertThatNoException().isThrownBy(() -> configuration.deepRiskEnricher(models,
                properties("payment-risk-deep", List.of("amount")), scoring));
    }

    @Test
    void deepRiskEnricher_modelThatReadsEnrichmentFeatures_stopsTheStartNamingTheProperty() {
        assertThatIllegalStateException()
                .isThrownBy(() -> configuration.deepRiskEnricher(models,
                        properties("payment-risk-full", List.of("amount")), scoring))
                .withMessageStartingWith("tandem.workers.deep-risk.model (payment-risk-full v1) cannot serve deep-risk")
                .withMessageContaining("ip_risk");
    }

    @Test
    void check_requiredInputTheModelDoesNotRead_isRefusedNamingIt() {
        models.activate("payment-risk-deep", "1", model -> { });
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeepRiskConfiguration.check(models.get("payment-risk-deep"),
                        properties("payment-risk-deep", List.of("amount", "shoe_size"))))
                .withMessageContaining("tandem.workers.deep-risk.required-inputs names [shoe_size]");
    }
}
