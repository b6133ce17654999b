package dev.tandem.workers.ipreputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IpReputationPropertiesTests {

    static IpReputationProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(IpReputationProperties.PREFIX, Bindable.of(IpReputationProperties.class));
    }

    @Test
    void bind_nothingSet_givesTheDocumentedDefaults_theLocalSimulator() {
        IpReputationProperties properties = bind(Map.of());

        assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:18090"));
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(properties.maxConcurrentCalls()).isEqualTo(64);
        assertThat(properties.circuit()).isEqualTo(new IpReputationProperties.Circuit(50, Duration.ofMillis(200), 80,
                20, 10, Duration.ofSeconds(5), 4));
    }

    @Test
    void bind_kebabCaseProperties_reachTheirFields() {
        IpReputationProperties properties = bind(Map.of("tandem.workers.ip-reputation.base-url", "https://ip.example/api/",
                "tandem.workers.ip-reputation.read-timeout", "1s", "tandem.workers.ip-reputation.circuit.open-for", "30s",
                "tandem.workers.ip-reputation.circuit.half-open-calls", "1"));

        assertThat(properties.baseUrl()).isEqualTo(URI.create("https://ip.example/api/"));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.circuit().openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.circuit().halfOpenCalls()).isEqualTo(1);
    }

    @Test
    void construct_badUrlOrTimeout_failsNamingTheProperty() {
        var circuit = bind(Map.of()).circuit();

        assertThatIllegalArgumentException().isThrownBy(() -> new IpReputationProperties(URI.create("ftp://x"),
                Duration.ofMillis(1), Duration.ofMillis(1), 1, circuit))
                .withMessage("tandem.workers.ip-reputation.base-url must be an http or https URL, not ftp://x");
        assertThatIllegalArgumentException().isThrownBy(() -> new IpReputationProperties(URI.create("http://x"),
                Duration.ofMillis(1), Duration.ZERO, 1, circuit))
                .withMessage("tandem.workers.ip-reputation.read-timeout must be positive, not PT0S");
    }
}
