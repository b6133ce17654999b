package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.TandemPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The lag dashboard against the real platform: decision-api reads the three services' {@code /actuator/prometheus}
 * (enrichment-workers and blender on ports picked before they start, {@link TandemPlatform#startWithDashboardSources})
 * and its snapshot shows what the decisions did; the page and the uPlot WebJar are served.
 */
class DashboardIntegrationTests {

    static final Duration FINAL_WITHIN = Duration.ofSeconds(30);

    static TandemPlatform platform;
    static ApiClient api;

    @BeforeAll
    static void start() {
        platform = TandemPlatform.startWithDashboardSources(Map.of());
        api = new ApiClient(platform.apiBaseUrl());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void afterDecisionsReachFinal_theSnapshotShowsThroughputAndALagPerEnricher_withEverySourceUp() throws Exception {
        api.get("/v1/dashboard"); // a first look, for the rates of the next ones to compare with
        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            ids.add(decide());
        }
        for (String id : ids) {
            JsonNode last = api.awaitDecision(id, d -> "FINAL".equals(d.get("status").asString()), FINAL_WITHIN);
            assertThat(last.get("status").asString()).as("decision %s", id).isEqualTo("FINAL");
        }

        // rates are over the time between two looks: keep deciding while the dashboard looks
        var deciding = new AtomicBoolean(true);
        Thread decisions = Thread.ofVirtual().start(() -> {
            while (deciding.get()) {
                try {
                    decide();
                }
                catch (AssertionError | RuntimeException refused) {
                    // a decision shed on a loaded machine is no reason to stop the traffic the charts need
                }
                sleep(Duration.ofMillis(100));
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1200)).untilAsserted(() -> {
                ApiClient.Response response = api.get("/v1/dashboard");
                assertThat(response.status()).isEqualTo(200);
                JsonNode snapshot = response.json();
                assertThat(snapshot.get("sources")).hasSize(3).allSatisfy(source ->
                        assertThat(source.get("up").asBoolean()).as(source.toString()).isTrue());
                assertThat(value(snapshot, "throughput", "decisions")).isPositive();
                assertThat(value(snapshot, "throughput", "enrichment results")).isPositive();
                assertThat(value(snapshot, "throughput", "finalised")).isPositive();
                for (String enricher : List.of("velocity", "ip-reputation")) {
                    for (String quantile : List.of("p50", "p95", "p99")) {
                        assertThat(value(snapshot, "enrichment-lag", enricher + " " + quantile)).isPositive();
                    }
                }
                assertThat(value(snapshot, "time-to-final", "p99")).isPositive();
            });
        } finally {
            deciding.set(false);
            decisions.join();
        }
    }

    @Test
    void thePageAndTheUplotWebJar_areServed() {
        ApiClient.Response page = api.get("/dashboard.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("data-panel=\"enrichment-lag\"", "/webjars/uplot/dist/uPlot.iife.min.js");

        ApiClient.Response script = api.get("/webjars/uplot/dist/uPlot.iife.min.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.body()).contains("uPlot");
        ApiClient.Response style = api.get("/webjars/uplot/dist/uPlot.min.css");
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header("Content-Type")).startsWith("text/css");
        assertThat(api.get("/dashboard/dashboard.js").header("Content-Type")).startsWith("text/javascript");

        // the three services share a classpath here: only decision-api serves the page
        assertThat(new ApiClient(platform.blenderBaseUrl()).get("/dashboard.html").status()).isEqualTo(404);
    }

    /** A value of a panel's series; fails when the series is missing, null when it is unknown. */
    static Double value(JsonNode snapshot, String panel, String series) {
        for (JsonNode p : snapshot.get("panels")) {
            if (p.get("id").asString().equals(panel)) {
                for (JsonNode s : p.get("series")) {
                    if (s.get("name").asString().equals(series)) {
                        return s.get("value").isNull() ? null : s.get("value").asDouble();
                    }
                }
                throw new AssertionError("panel " + panel + " has no series " + series + ": " + p);
            }
        }
        throw new AssertionError("no panel " + panel);
    }

    static String decide() {
        ApiClient.Response created = api.postJson("""
                {"flow":"payment-risk","entityId":"dash-%s","requestId":"%s",
                 "attributes":{"amount":42.0,"currency":"EUR","merchantId":"m-1","ip":"203.0.113.9"}}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("decisionId").asString();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
