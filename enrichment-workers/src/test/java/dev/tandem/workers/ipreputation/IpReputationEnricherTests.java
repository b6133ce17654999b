package dev.tandem.workers.ipreputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.testing.ManualClock;
import dev.tandem.schemas.event.Priority;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import dev.tandem.simulator.Reputation;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enricher against the simulated provider over real HTTP, on a free port. */
class IpReputationEnricherTests {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** Generous, so that a loaded machine never turns an answer into a timeout; the timeout test sets its own. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** Four calls, half of them failed: open. Slow calls are not what these tests are about. */
    static final IpReputationProperties.Circuit CIRCUIT = new IpReputationProperties.Circuit(50, Duration.ofSeconds(5),
            100, 4, 4, Duration.ofSeconds(30), 2);

    final ProviderSimulator provider;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The test moves it by hand: how long the circuit stays open. */
    final ManualClock clock = new ManualClock(T0);
    final CircuitBreaker circuit = ProviderCircuit.create(IpReputationEnricher.NAME, CIRCUIT, clock);
    final IpReputationEnricher enricher;

    IpReputationEnricherTests() throws IOException {
        provider = ProviderSimulator.start(0, Behaviour.instant());
        enricher = enricher(URI.create(provider.baseUrl()), meters, READ_TIMEOUT);
    }

    IpReputationEnricher enricher(URI baseUrl, SimpleMeterRegistry registry, Duration readTimeout) {
        var properties = new IpReputationProperties(baseUrl, Duration.ofSeconds(2), readTimeout, 8, CIRCUIT);
        return new IpReputationEnricher(ReputationClient.of(properties), circuit,
                new ProviderMetrics(registry, IpReputationEnricher.NAME, circuit), properties.maxConcurrentCalls());
    }

    @AfterEach
    void stop() {
        enricher.close();
        provider.close();
    }

    static EnrichmentRequest request(String decisionId, @Nullable String ip) {
        var attributes = new HashMap<String, @Nullable Object>(Map.of("amount", 12.5));
        attributes.put("ip", ip);
        return new EnrichmentRequest(decisionId, "default", "payment-risk", "e-1", Priority.STANDARD, attributes,
                Map.of(), T0, T0.plusSeconds(5));
    }

    static List<EnrichmentAnswer> enrich(IpReputationEnricher enricher, EnrichmentRequest... requests)
            throws Exception {
        return enricher.enrich(List.of(requests)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    double calls(String outcome) {
        return meters.get("tandem.external.calls").tag("provider", "ip-reputation").tag("outcome", outcome).counter()
                .count();
    }

    double circuitState() {
        return meters.get("tandem.circuit.state").tag("provider", "ip-reputation").gauge().value();
    }

    static EnrichmentAnswer features(String ip) {
        Reputation reputation = Reputation.of(ip);
        return EnrichmentAnswer.features(Map.of("ip_risk", reputation.riskScore(), "ip_proxy",
                reputation.proxy() ? 1.0 : 0.0, "ip_country_mismatch", reputation.countryMismatch() ? 1.0 : 0.0));
    }

    @Test
    void enrich_batch_answersEachAddressesReputation_asTheModelsFeatures_inRequestOrder() throws Exception {
        List<EnrichmentAnswer> answers = enrich(enricher, request("d-1", "203.0.113.7"), request("d-2", "198.51.100.1"),
                request("d-3", "2001:db8::1"));

        assertThat(answers).containsExactly(features("203.0.113.7"), features("198.51.100.1"), features("2001:db8::1"));
        assertThat(calls("ok")).isEqualTo(3);
        assertThat(meters.get("tandem.external.call.duration").tag("outcome", "ok").timer().count()).isEqualTo(3);
        assertThat(circuitState()).isZero();
    }

    @Test
    void enrich_providerAnswers5xx_isRetryable_withTheStatus() throws Exception {
        provider.behave(Behaviour.failing(503));

        assertThat(enrich(enricher, request("d-1", "203.0.113.7")))
                .containsExactly(EnrichmentAnswer.retryable("ip-reputation provider answered 503"));
        assertThat(calls("error_5xx")).isEqualTo(1);
    }

    @Test
    void enrich_providerThrottles429_isRetryable() throws Exception {
        provider.behave(Behaviour.failing(429));

        assertThat(enrich(enricher, request("d-1", "203.0.113.7")))
                .containsExactly(EnrichmentAnswer.retryable("ip-reputation provider answered 429 (too many requests)"));
        assertThat(calls("throttled")).isEqualTo(1);
    }

    @Test
    void enrich_addressTheProviderRejectsWith4xx_isPermanent() throws Exception {
        EnrichmentAnswer answer = enrich(enricher, request("d-1", "not-an-ip")).getFirst();

        assertThat(answer).isInstanceOfSatisfying(EnrichmentAnswer.Failure.class, failure -> {
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.reason()).startsWith("ip-reputation provider answered 400: ")
                    .contains("not an IP address");
        });
        assertThat(calls("error_4xx")).isEqualTo(1);
    }

    @Test
    void enrich_providerSlowerThanTheReadTimeout_isRetryable_namingTheTimeout() throws Exception {
        provider.behave(Behaviour.fixedLatency(Duration.ofSeconds(30)));
        var registry = new SimpleMeterRegistry();

        try (var impatient = enricher(URI.create(provider.baseUrl()), registry, Duration.ofMillis(200))) {
            assertThat(enrich(impatient, request("d-1", "203.0.113.7")))
                    .containsExactly(EnrichmentAnswer.retryable("ip-reputation provider did not answer within 200 ms"));
        }
        assertThat(registry.get("tandem.external.calls").tag("outcome", "timeout").counter().count()).isEqualTo(1);
    }

    @Test
    void enrich_providerUnreachable_isRetryable_asAConnectError() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var registry = new SimpleMeterRegistry();
        try (var unreachable = enricher(URI.create("http://localhost:" + closedPort), registry, READ_TIMEOUT)) {
            EnrichmentAnswer answer = enrich(unreachable, request("d-1", "203.0.113.7")).getFirst();

            assertThat(answer).isEqualTo(
                    EnrichmentAnswer.retryable("ip-reputation provider unreachable at http://localhost:" + closedPort));
        }
        assertThat(registry.get("tandem.external.calls").tag("outcome", "connect_error").counter().count()).isEqualTo(1);
    }

    @Test
    void enrich_decisionWithoutAnIp_isPermanent_namingTheAttribute_withoutACall() throws Exception {
        List<EnrichmentAnswer> answers = enrich(enricher, request("d-1", null), request("d-2", " "));

        assertThat(answers).containsExactly(
                EnrichmentAnswer.permanent("decision d-1 has no ip attribute (text) to look up"),
                EnrichmentAnswer.permanent("decision d-2 has no ip attribute (text) to look up"));
        assertThat(provider.lookups()).isZero();
    }

    @Test
    void enrich_biggerBatchThanTheCallBound_neverHasMoreLookupsInFlight() throws Exception {
        provider.behave(Behaviour.fixedLatency(Duration.ofMillis(50)));
        var properties = new IpReputationProperties(URI.create(provider.baseUrl()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 2, CIRCUIT);
        var registry = new SimpleMeterRegistry();
        try (var bounded = new IpReputationEnricher(ReputationClient.of(properties), circuit,
                new ProviderMetrics(registry, IpReputationEnricher.NAME, circuit), properties.maxConcurrentCalls())) {
            List<EnrichmentAnswer> answers = enrich(bounded, request("d-1", "198.51.100.1"),
                    request("d-2", "198.51.100.2"), request("d-3", "198.51.100.3"), request("d-4", "198.51.100.4"),
                    request("d-5", "198.51.100.5"), request("d-6", "198.51.100.6"));

            assertThat(answers).allSatisfy(answer -> assertThat(answer).isInstanceOf(EnrichmentAnswer.Features.class));
        }
        assertThat(provider.lookups()).isEqualTo(6);
        assertThat(provider.peakConcurrentLookups()).isBetween(1, 2);
    }

    @Test
    void enrich_failingProvider_opensTheCircuit_thenBatchesFailAsADependencyFailure_withoutCalling() throws Exception {
        provider.behave(Behaviour.failing(500));
        enrich(enricher, request("d-1", "203.0.113.1"), request("d-2", "203.0.113.2"), request("d-3", "203.0.113.3"),
                request("d-4", "203.0.113.4"));
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long lookupsWhenOpened = provider.lookups();

        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> enrich(enricher, request("d-5", "203.0.113.5"), request("d-6", null)))
                .havingCause().isInstanceOf(DependencyException.class)
                .withMessageStartingWith("ip-reputation failed while looking up 2 addresses (1 refused by the circuit"
                        + " breaker)")
                .withCauseInstanceOf(CallNotPermittedException.class);
        assertThat(provider.lookups()).isEqualTo(lookupsWhenOpened);
        assertThat(calls("rejected_open")).isEqualTo(1);
        assertThat(circuitState()).isEqualTo(2);
    }

    @Test
    void circuit_afterItsOpenTime_probesTheProvider_andClosesWhenTheProbesDoWell() throws Exception {
        provider.behave(Behaviour.failing(503));
        enrich(enricher, request("d-1", "203.0.113.1"), request("d-2", "203.0.113.2"), request("d-3", "203.0.113.3"),
                request("d-4", "203.0.113.4"));
        provider.behave(Behaviour.instant());
        clock.advance(CIRCUIT.openFor().plusMillis(1));

        // two probes are let through and succeed; the third lookup is refused, so this batch is offered again later
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> enrich(enricher, request("d-5", "198.51.100.5"), request("d-6", "198.51.100.6"),
                        request("d-7", "198.51.100.7")))
                .havingCause().isInstanceOf(DependencyException.class);
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuitState()).isZero();

        assertThat(enrich(enricher, request("d-5", "198.51.100.5"), request("d-6", "198.51.100.6"),
                request("d-7", "198.51.100.7"))).containsExactly(features("198.51.100.5"), features("198.51.100.6"),
                        features("198.51.100.7"));
    }

    @Test
    void circuit_probesThatFail_openItAgain() throws Exception {
        provider.behave(Behaviour.failing(503));
        enrich(enricher, request("d-1", "203.0.113.1"), request("d-2", "203.0.113.2"), request("d-3", "203.0.113.3"),
                request("d-4", "203.0.113.4"));
        clock.advance(CIRCUIT.openFor().plusMillis(1));

        List<EnrichmentAnswer> probes = enrich(enricher, request("d-5", "198.51.100.5"), request("d-6", "198.51.100.6"));

        assertThat(probes).allSatisfy(answer -> assertThat(answer).isInstanceOf(EnrichmentAnswer.Failure.class));
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
