package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import dev.tandem.simulator.Reputation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The ip-reputation enricher against a provider simulator of its own (the shared one stays fast for the other
 * tests), through the real pieces: a provider slower than the read timeout makes the result FAILED after the
 * configured attempts, with the reason, and the outcome still ends FINAL naming the enricher; once the provider is
 * back, new decisions get its scores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IpReputationIntegrationTests {

    static final Duration FINAL_WITHIN = Duration.ofSeconds(20);
    /** Long enough that a loaded machine never makes a prompt answer late; the slow provider takes 10 s. */
    static final String READ_TIMEOUT = "1s";
    static final int ATTEMPTS = 2;

    static ProviderSimulator provider;
    static TandemPlatform platform;
    static ApiClient api;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws IOException {
        provider = ProviderSimulator.start(0, Behaviour.instant());
        platform = TandemPlatform.start(Map.of(
                TandemPlatform.PROVIDER_URL, provider.baseUrl(),
                "tandem.workers.ip-reputation.read-timeout", READ_TIMEOUT,
                "tandem.workers.enrichers.ip-reputation.retry.max-attempts", Integer.toString(ATTEMPTS),
                "tandem.workers.enrichers.ip-reputation.retry.initial-backoff", "20ms",
                // each attempt ends by the read timeout, answered as a retryable failure, well before this
                "tandem.workers.enrichers.ip-reputation.timeout", "5s",
                // about retries, not the circuit (IpReputationEnricherTests open it): a few timeouts must not open it
                "tandem.workers.ip-reputation.circuit.minimum-calls", "100",
                "tandem.workers.ip-reputation.circuit.window-size", "100",
                // far beyond the waits: an outcome that ends here ends FINAL, never by its deadline
                "tandem.flows.payment-risk.deadline", "2m",
                "tandem.workers.retry-max-elapsed", "1s", "tandem.blender.retry-max-elapsed", "1s"));
        api = new ApiClient(platform.apiBaseUrl());
        redisClient = RedisClient.create(TestInfrastructure.redisUrl());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        if (platform != null) {
            platform.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    static String decide(String entityId, String ip) {
        ApiClient.Response response = api.postJson("""
                {"flow":"payment-risk","entityId":"%s","attributes":{"amount":42.5,"currency":"EUR","merchantId":"m-1","ip":"%s"}}"""
                .formatted(entityId, ip));
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("decisionId").asString();
    }

    /** The ip-reputation result merged into the stored outcome. */
    static EnrichmentResult ipResult(String decisionId) {
        Outcome outcome = new RedisOutcomeStore(redis.async(), Duration.ofHours(1))
                .find(RedisKeys.DEFAULT_TENANT, decisionId).toCompletableFuture().join().orElseThrow();
        assertThat(outcome.enrichments()).containsKey("ip-reputation");
        return outcome.enrichments().get("ip-reputation");
    }

    static double workersCounter(String name, String tag, String value) {
        var counter = platform.workers().getBean(MeterRegistry.class).find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @Order(1)
    void providerSlowerThanTheReadTimeout_failsTheLookupAfterItsAttempts_andTheOutcomeStillEndsFinal() {
        provider.behave(Behaviour.fixedLatency(Duration.ofSeconds(10)));
        long lookupsBefore = provider.lookups();

        String id = decide("ip-entity-1", "203.0.113.9");
        JsonNode last = api.awaitDecision(id, d -> "FINAL".equals(d.get("status").asString()), FINAL_WITHIN);

        assertThat(last.get("status").asString()).isEqualTo("FINAL");
        assertThat(last.get("model").get("name").asString()).isEqualTo("payment-risk-full");
        assertThat(last.get("enrichment").get("completed")).extracting(JsonNode::asString)
                .containsExactly("velocity", "ip-reputation");
        String reason = "ip-reputation provider did not answer within 1000 ms (after " + ATTEMPTS + " attempts)";
        assertThat(last.get("reasons")).extracting(JsonNode::asString)
                .contains("enricher ip-reputation FAILED: " + reason);
        EnrichmentResult result = ipResult(id);
        assertThat(result.status()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.features()).isEmpty();
        // the attempts of this decision are counted exactly in its reason; the counters are the service's and the
        // provider's, which a decision of another test left on the topic could add to
        assertThat(workersCounter("tandem.external.calls", "outcome", "timeout")).isGreaterThanOrEqualTo(ATTEMPTS);
        // the provider may count a request a moment after the client gave up on it
        await().atMost(FINAL_WITHIN).untilAsserted(
                () -> assertThat(provider.lookups() - lookupsBefore).isGreaterThanOrEqualTo(ATTEMPTS));
    }

    @Test
    @Order(2)
    void providerBackToNormal_newDecisionsGetItsScores() {
        provider.behave(Behaviour.instant());
        String ip = "198.51.100.23";

        String id = decide("ip-entity-2", ip);
        JsonNode last = api.awaitDecision(id, d -> "FINAL".equals(d.get("status").asString()), FINAL_WITHIN);

        assertThat(last.get("status").asString()).isEqualTo("FINAL");
        assertThat(last.get("enrichment").get("completed")).extracting(JsonNode::asString)
                .containsExactly("velocity", "ip-reputation");
        assertThat(last.get("reasons").toString()).doesNotContain("enricher ip-reputation");
        EnrichmentResult result = ipResult(id);
        assertThat(result.status()).isEqualTo(EnrichmentStatus.OK);
        assertThat(result.features()).containsEntry("ip_risk", Reputation.of(ip).riskScore());
        assertThat(workersCounter("tandem.external.calls", "outcome", "ok")).isGreaterThanOrEqualTo(1);
    }
}
