package dev.tandem.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceSpecTests {

    @Test
    void all_givesDecisionApiTheOtherServicesPortsForItsDashboard() {
        var options = DevServerOptions.parse("--workers-port", "9081", "--blender-port", "9082");

        var specs = ServiceSpec.all(options);

        assertThat(specs.getFirst().name()).isEqualTo("decision-api");
        assertThat(specs.getFirst().arguments()).containsExactly(
                "--tandem.api.dashboard.sources.enrichment-workers=http://localhost:9081/actuator/prometheus",
                "--tandem.api.dashboard.sources.blender=http://localhost:9082/actuator/prometheus");
        assertThat(specs.subList(1, 3)).allSatisfy(spec -> assertThat(spec.arguments()).isEmpty());
    }
}
