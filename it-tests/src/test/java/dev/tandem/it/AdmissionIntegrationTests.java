package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.RedisSleeper;
import dev.tandem.it.support.TandemPlatform;
import org.junit.jupiter.api.Test;

/**
 * Load shedding by priority against the real services: with decisions held in flight (Redis asleep), a BULK decision
 * is refused at once with 503 and {@code Retry-After} while a CRITICAL one is still admitted and answered.
 */
class AdmissionIntegrationTests {

    static final Pattern IN_FLIGHT = Pattern.compile("tandem_admission_in_flight\\{[^}]*} ([0-9.]+)");

    @Test
    void underLoad_bulkIsRefusedWith503_beforeCritical() throws Exception {
        // a fixed limit of 4: BULK may have 2 in flight, STANDARD 4, CRITICAL 4; decisions (and Lettuce's commands)
        // wait for Redis for up to 8 s, so the held ones stay in flight while it sleeps
        try (var platform = TandemPlatform.start(Map.of("tandem.api.admission.limit", "fixed",
                "tandem.api.admission.initial-limit", "4", "tandem.api.admission.min-limit", "1",
                "tandem.flows.payment-risk.request-timeout", "10s", "tandem.api.feature-timeout", "8s",
                "tandem.api.store-timeout", "8s", "spring.data.redis.timeout", "8s"));
                var sleeper = new RedisSleeper()) {
            var api = new ApiClient(platform.apiBaseUrl());

            CompletableFuture<Instant> awake = sleeper.sleep(5);
            Thread.sleep(100);
            var held = new ArrayList<CompletableFuture<ApiClient.Response>>();
            for (int i = 0; i < 3; i++) {
                held.add(CompletableFuture.supplyAsync(() -> api.postJson(body("STANDARD"))));
            }
            await().atMost(Duration.ofSeconds(4)).until(() -> inFlight(api) == 3.0);

            ApiClient.Response bulk = api.postJson(body("BULK"));
            Instant bulkAnswered = Instant.now();
            CompletableFuture<ApiClient.Response> critical = CompletableFuture.supplyAsync(
                    () -> api.postJson(body("CRITICAL")));

            assertThat(bulk.status()).isEqualTo(503);
            assertThat(bulk.header("Retry-After")).isEqualTo("1");
            assertThat(bulk.json().get("type").asString()).isEqualTo("https://tandem.dev/problems/overloaded");
            assertThat(bulkAnswered).isBefore(awake.get(10, TimeUnit.SECONDS));
            assertThat(critical.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
            for (CompletableFuture<ApiClient.Response> standard : held) {
                assertThat(standard.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
            // with the load gone, BULK is admitted again
            assertThat(api.postJson(body("BULK")).status()).isEqualTo(201);
        }
    }

    private static String body(String priority) {
        return """
                {"flow":"payment-risk","entityId":"shed-%s","priority":"%s",\
                "attributes":{"amount":25,"currency":"EUR","merchantId":"m-1"}}"""
                .formatted(UUID.randomUUID(), priority);
    }

    private static double inFlight(ApiClient api) {
        Matcher matcher = IN_FLIGHT.matcher(api.get("/actuator/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
