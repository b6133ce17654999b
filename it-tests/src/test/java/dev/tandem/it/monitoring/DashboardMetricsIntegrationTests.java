package dev.tandem.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.TandemPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every metric name the Grafana dashboards of docker/grafana/dashboards query is one the services really expose:
 * checked against a scrape of the three services' {@code /actuator/prometheus} after decisions of both flows went
 * FINAL, so the meters registered on first use exist too.
 */
class DashboardMetricsIntegrationTests {

    static final Duration FINAL_WITHIN = Duration.ofSeconds(30);

    static TandemPlatform platform;

    @BeforeAll
    static void start() {
        platform = TandemPlatform.start(Map.of("tandem.flows.payment-risk.deadline", "3m",
                "tandem.flows.payment-risk-deep.deadline", "3m"));
        var api = new ApiClient(platform.apiBaseUrl());
        var ids = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            String flow = i % 2 == 0 ? "payment-risk" : "payment-risk-deep";
            ApiClient.Response response = api.postJson("""
                    {"flow":"%s","entityId":"dashboard-%d","attributes":{"amount":%d,"currency":"EUR",\
                    "merchantId":"m-1","ip":"198.51.100.%d"}}""".formatted(flow, i, 20 + 10 * i, 10 + i));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            ids.add(response.json().get("decisionId").asString());
        }
        for (String id : ids) {
            JsonNode last = api.awaitDecision(id, d -> "FINAL".equals(d.get("status").asString()), FINAL_WITHIN);
            assertThat(last.get("status").asString()).as("decision %s", id).isEqualTo("FINAL");
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyMetricTheDashboardsQuery_isExposedByAService() {
        Set<String> exposed = new TreeSet<>();
        for (String baseUrl : new String[] {platform.apiBaseUrl(), platform.workersBaseUrl(),
                platform.blenderBaseUrl()}) {
            exposed.addAll(scrapedNames(baseUrl));
        }
        var queried = new TreeSet<String>();
        var missing = new ArrayList<String>();

        for (Path file : MonitoringFiles.dashboards()) {
            MonitoringFiles.queries(MonitoringFiles.json(file)).forEach((where, query) -> {
                for (String name : PromQlMetricNames.of(query)) {
                    queried.add(name);
                    if (!exposed.contains(name)) {
                        missing.add(file.getFileName() + " " + where + ": " + name);
                    }
                }
            });
        }

        assertThat(queried).as("names the dashboards query").contains("tandem_enrichment_lag_seconds_bucket",
                "tandem_consumer_lag_time_seconds", "tandem_outcome_flips_total", "tandem_admission_refused_total");
        assertThat(missing).as("queried but exposed by no service (of %s exposed)", exposed.size()).isEmpty();
    }

    /** The names of the samples a service exposes in Prometheus' text format, as Prometheus stores them. */
    private static Set<String> scrapedNames(String baseUrl) {
        ApiClient.Response scrape = new ApiClient(baseUrl).get("/actuator/prometheus", "Accept",
                "text/plain;version=0.0.4");
        assertThat(scrape.status()).as(baseUrl).isEqualTo(200);
        var names = new TreeSet<String>();
        for (String line : scrape.body().lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
