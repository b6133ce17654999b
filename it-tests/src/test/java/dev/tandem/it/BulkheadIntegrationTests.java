package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.RedisSleeper;
import dev.tandem.it.support.TandemPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * decision-api's bulkheads against the tests' real Redis put to sleep: with as many feature reads in flight as the
 * bulkhead allows (one here), the next decision does not queue behind them; it is answered from defaults, degraded,
 * saying why, and the refusal is counted.
 */
class BulkheadIntegrationTests {

    static final Pattern REFUSED = Pattern.compile(
            "tandem_bulkhead_refused_total\\{[^}]*bulkhead=\"online-features\"[^}]*} ([0-9.E]+)");
    static final Pattern LIMIT = Pattern.compile(
            "tandem_bulkhead_limit\\{[^}]*bulkhead=\"online-features\"[^}]*} ([0-9.E]+)");
    static final Pattern IN_FLIGHT = Pattern.compile(
            "tandem_bulkhead_in_flight\\{[^}]*bulkhead=\"online-features\"[^}]*} ([0-9.E]+)");

    static TandemPlatform platform;
    static ApiClient api;
    static RedisSleeper sleeper;

    @BeforeAll
    static void start() {
        // every decision reads Redis (no feature cache, no hedges); the store keeps 200 ms of a request's timeout;
        // Redis commands time out after 10 s, so a read's permit is held for all of Redis's sleep
        platform = TandemPlatform.startApi(Map.of("tandem.api.bulkheads.online-features", "1",
                "tandem.api.feature-cache.enabled", "false", "tandem.api.feature-hedging.enabled", "false",
                "tandem.api.store-reserve", "200ms", "spring.data.redis.timeout", "10s"));
        api = new ApiClient(platform.apiBaseUrl());
        sleeper = new RedisSleeper();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (sleeper != null) {
            sleeper.close();
        }
    }

    @Test
    void withTheFeatureReadsBulkheadFull_aDecisionIsAnsweredFromDefaults_sayingWhy() throws Exception {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !decide("warm-" + UUID.randomUUID())
                .get("degraded").asBoolean());
        assertThat(metric(LIMIT)).isEqualTo(1);
        double refusedBefore = metric(REFUSED);

        CompletableFuture<Instant> awake = sleeper.sleep(5);
        Thread.sleep(300); // the sleep is on the wire; let Redis begin it
        JsonNode waited = decide("first-" + UUID.randomUUID());
        // the first read holds the bulkhead's one permit while Redis sleeps, after its decision stopped waiting
        assertThat(metric(IN_FLIGHT)).isEqualTo(1);
        JsonNode refused = decide("second-" + UUID.randomUUID());
        Instant answered = Instant.now();

        assertThat(answered).isBefore(awake.get(15, TimeUnit.SECONDS));
        assertThat(waited.get("degraded").asBoolean()).isTrue();
        assertThat(waited.get("reasons").toString()).contains("online features not read within");
        assertThat(refused.get("degraded").asBoolean()).isTrue();
        assertThat(refused.get("reasons").toString())
                .contains("online features unavailable (bulkhead online-features full: 1 calls in flight)")
                .contains("defaults used");
        assertThat(metric(REFUSED)).isEqualTo(refusedBefore + 1);

        // Redis awake: the read ends, its permit is free again
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(IN_FLIGHT) == 0);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !decide("after-" + UUID.randomUUID())
                .get("degraded").asBoolean());
    }

    private static JsonNode decide(String entity) {
        ApiClient.Response response = api.post("/v1/decisions", "application/json",
                DecisionFlowIntegrationTests.decision(entity, 40, null), Map.of("X-Request-Timeout", "300ms"));
        assertThat(response.status()).isEqualTo(201);
        return response.json();
    }

    private static double metric(Pattern series) {
        return api.metricSum(series);
    }
}
