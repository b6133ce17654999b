package dev.tandem.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderSimulatorTests {

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ProviderSimulator simulator;

    ProviderSimulatorTests() throws IOException {
        simulator = ProviderSimulator.start(0, Behaviour.instant());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(10));
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lookup_answersTheIpsOwnReputation_theSameEveryTime() throws Exception {
        HttpResponse<String> first = get("/v1/ip/203.0.113.7");
        HttpResponse<String> second = get("/v1/ip/203.0.113.7");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(first.body()).isEqualTo(Reputation.of("203.0.113.7").toJson()).isEqualTo(second.body());
        assertThat(simulator.lookups()).isEqualTo(2);
        assertThat(simulator.peakConcurrentLookups()).isEqualTo(1);
    }

    @Test
    void lookup_notAnIp_is400_andUnknownPath_is404() throws Exception {
        HttpResponse<String> bad = get("/v1/ip/not-an-ip");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"not an IP address: not-an-ip\"}");
        assertThat(get("/v2/whatever").statusCode()).isEqualTo(404);
    }

    @Test
    void behave_failing_answersItsErrorStatus_untilSwitchedBack() throws Exception {
        simulator.behave(Behaviour.failing(503));
        assertThat(get("/v1/ip/198.51.100.1").statusCode()).isEqualTo(503);

        simulator.behave(Behaviour.failing(429));
        assertThat(get("/v1/ip/198.51.100.1").statusCode()).isEqualTo(429);

        simulator.behave(Behaviour.instant());
        assertThat(get("/v1/ip/198.51.100.1").statusCode()).isEqualTo(200);
    }

    @Test
    void adminEndpoint_changesTheBehaviourAtRunTime_andSaysWhatItIs() throws Exception {
        HttpResponse<String> changed = post("/admin/behaviour", "{\"baseLatencyMs\": 5000}");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo("{\"baseLatencyMs\":5000.0,\"tailMeanMs\":0.0,\"errorRate\":0.0,\"errorStatus\":503}");
        assertThat(simulator.behaviour().baseLatency()).isEqualTo(Duration.ofSeconds(5));
        assertThat(get("/admin/behaviour").body()).isEqualTo(changed.body());
        // far slower than the client waits: the lookup times out
        assertThatExceptionOfType(HttpTimeoutException.class)
                .isThrownBy(() -> get("/v1/ip/198.51.100.1", Duration.ofMillis(200)));

        assertThat(post("/admin/behaviour", "{\"baseLatencyMs\": 0, \"errorRate\": 1}").statusCode()).isEqualTo(200);
        assertThat(get("/v1/ip/198.51.100.1").statusCode()).isEqualTo(503);
    }

    @Test
    void adminEndpoint_badBody_is400NamingTheField_andChangesNothing() throws Exception {
        HttpResponse<String> refused = post("/admin/behaviour", "{\"errorRate\": 1.5}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("errorRate must be from 0 to 1");
        assertThat(simulator.behaviour()).isEqualTo(Behaviour.instant());
    }
}
