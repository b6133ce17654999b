package dev.tandem.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DashboardPropertiesTests {

    static DashboardProperties with(Map<String, URI> sources, Duration interval, Duration maxGap) {
        return new DashboardProperties(sources, interval, Duration.ofSeconds(1), maxGap, DataSize.ofMegabytes(1));
    }

    @Test
    void sources_httpUrlsAndOwnPaths_areAccepted() {
        var properties = with(Map.of("decision-api", URI.create("/actuator/prometheus"),
                "blender", URI.create("http://blender:8082/actuator/prometheus")), Duration.ofSeconds(1),
                Duration.ofSeconds(30));

        assertThat(properties.sources()).hasSize(2);
    }

    @Test
    void sources_anythingElse_failsNamingTheProperty() {
        assertThatThrownBy(() -> with(Map.of("blender", URI.create("ftp://blender/metrics")), Duration.ofSeconds(1),
                Duration.ofSeconds(30)))
                .hasMessageStartingWith("tandem.api.dashboard.sources.blender must be an http(s) URL");
        assertThatThrownBy(() -> with(Map.of("blender", URI.create("actuator/prometheus")), Duration.ofSeconds(1),
                Duration.ofSeconds(30)))
                .hasMessageStartingWith("tandem.api.dashboard.sources.blender");
    }

    @Test
    void maxGap_notLongerThanTheInterval_fails() {
        assertThatThrownBy(() -> with(Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("tandem.api.dashboard.max-gap");
    }
}
