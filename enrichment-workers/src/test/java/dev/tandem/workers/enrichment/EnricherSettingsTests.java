package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EnricherSettingsTests {

    static WorkersProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tandem.workers",
                WorkersProperties.class);
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        EnricherSettings defaults = EnricherSettings.defaults();

        assertThat(defaults.concurrency()).isEqualTo(2);
        assertThat(defaults.minBatch()).isEqualTo(1);
        assertThat(defaults.maxBatch()).isEqualTo(64);
        assertThat(defaults.latencyObjective()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.retry().maxAttempts()).isEqualTo(3);
    }

    @Test
    void anEnricherConfiguredInPart_keepsTheDefaultsOfTheRest_andOneNotListedGetsThemAll() {
        WorkersProperties properties = bind(Map.of("tandem.workers.enrichers.deep-risk.max-batch", "128",
                "tandem.workers.enrichers.deep-risk.retry.max-attempts", "1"));

        EnricherSettings deepRisk = properties.enricher("deep-risk");
        assertThat(deepRisk.maxBatch()).isEqualTo(128);
        assertThat(deepRisk.retry().maxAttempts()).isEqualTo(1);
        assertThat(deepRisk.retry().initialBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(deepRisk.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.enricher("velocity")).isEqualTo(EnricherSettings.defaults());
    }

    @Test
    void retryCeiling_doublesFromTheInitialBackOff_upToTheMaximum() {
        var retry = new EnricherSettings.Retry(10, Duration.ofMillis(50), Duration.ofMillis(300));

        assertThat(retry.ceiling(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(retry.ceiling(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.ceiling(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.ceiling(4)).isEqualTo(Duration.ofMillis(300));
        assertThat(retry.ceiling(60)).isEqualTo(Duration.ofMillis(300));
    }
}
