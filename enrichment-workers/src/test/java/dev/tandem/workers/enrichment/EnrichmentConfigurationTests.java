package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tandem.core.flow.AttributeSpec;
import dev.tandem.core.flow.AttributeType;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.flow.Thresholds;
import dev.tandem.core.model.LogisticModel;
import dev.tandem.core.model.LogisticModelSpec;
import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelRegistry;
import org.junit.jupiter.api.Test;

class EnrichmentConfigurationTests {

    static Flows flowsRequiring(String... enrichers) {
        var model = new LogisticModel(new LogisticModelSpec("m", "1", 0, Map.of("amount", 1.0), Map.of()));
        return Flows.of(Map.of("payments", new FlowDefinition(
                Map.of("amount", new AttributeSpec(AttributeType.POSITIVE_NUMBER, true)), List.of("amount"), Map.of(),
                List.of(enrichers), Duration.ofSeconds(5), new Thresholds(0.5, 0.8), new ModelChoice("m", "1"),
                new ModelChoice("m", "1"), false, null, Map.of(), null)), ModelRegistry.of(model));
    }

    static final Enricher VELOCITY = new EnrichmentRunnerTests.FakeEnricher("velocity",
            batch -> CompletableFuture.completedFuture(List.of()));

    @Test
    void requireEveryEnricher_flowWaitingForAnEnricherNobodyRuns_failsNamingTheProperty() {
        assertThatIllegalStateException()
                .isThrownBy(() -> EnrichmentConfiguration.requireEveryEnricher(flowsRequiring("velocity", "ip-reputation"),
                        List.of(VELOCITY)))
                .withMessage("tandem.flows.payments.required-enrichers names 'ip-reputation', but this service runs only [velocity]");
    }

    @Test
    void requireEveryEnricher_everyEnricherPresent_starts() {
        assertThatNoException().isThrownBy(
                () -> EnrichmentConfiguration.requireEveryEnricher(flowsRequiring("velocity"), List.of(VELOCITY)));
    }
}
