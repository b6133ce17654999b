package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WorkersPropertiesTests {

    @Test
    void defaults_yieldToAnUrgentLaneWhoseRecordsWaited100ms_orThatWorkedHalfTheTime() {
        WorkersProperties properties = bind(Map.of());

        assertThat(properties.bulkYieldsAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.bulkBelowBusy()).isEqualTo(0.5);
        assertThat(properties.bulkGrace()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void zero_isAccepted() {
        assertThat(bind(Map.of("tandem.workers.bulk-yields-after", "0ms")).bulkYieldsAfter()).isZero();
    }

    @Test
    void aNegativeWait_isRefused() {
        assertThatThrownBy(() -> bind(Map.of("tandem.workers.bulk-yields-after", "-1ms")))
                .hasRootCauseMessage("tandem.workers.bulk-yields-after and bulk-grace must not be negative, were"
                        + " PT-0.001S and PT0.2S");
    }

    @Test
    void aBusyShareOutsideZeroToOne_isRefused() {
        assertThatThrownBy(() -> bind(Map.of("tandem.workers.bulk-below-busy", "0")))
                .hasRootCauseMessage("tandem.workers.bulk-below-busy must be above 0 and at most 1, was 0.0");
        assertThatThrownBy(() -> bind(Map.of("tandem.workers.bulk-below-busy", "1.5")))
                .hasRootCauseMessage("tandem.workers.bulk-below-busy must be above 0 and at most 1, was 1.5");
        assertThatThrownBy(() -> bind(Map.of("tandem.workers.bulk-below-busy", "NaN")))
                .hasRootCauseMessage("tandem.workers.bulk-below-busy must be above 0 and at most 1, was NaN");
    }

    private static WorkersProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tandem.workers", WorkersProperties.class);
    }
}
