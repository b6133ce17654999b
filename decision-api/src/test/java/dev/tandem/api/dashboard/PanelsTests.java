package dev.tandem.api.dashboard;

import static dev.tandem.api.dashboard.Scrapes.at;
import static dev.tandem.api.dashboard.Scrapes.lag;
import static dev.tandem.api.dashboard.Scrapes.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import dev.tandem.schemas.MetricNames;
import org.junit.jupiter.api.Test;

class PanelsTests {

    static final double INF = Double.POSITIVE_INFINITY;

    static final String API_BEFORE = """
            tandem_admission_limit{application="decision-api"} 200
            tandem_decision_latency_seconds_count{flow="payment-risk",outcome="APPROVE",degraded="false"} 100
            tandem_decision_latency_seconds_count{flow="payment-risk",outcome="REVIEW",degraded="false"} 10
            tandem_feature_cache_requests_total{result="hit",tier="l1"} 10
            tandem_feature_cache_requests_total{result="miss",tier="l1"} 10
            tandem_feature_cache_requests_total{result="hit",tier="l2"} 10
            tandem_feature_cache_requests_total{result="miss",tier="l2"} 0
            """;
    static final String API_LATEST = """
            tandem_admission_limit{application="decision-api"} 200
            tandem_decision_latency_seconds_count{flow="payment-risk",outcome="APPROVE",degraded="false"} 180
            tandem_decision_latency_seconds_count{flow="payment-risk",outcome="REVIEW",degraded="false"} 30
            tandem_feature_cache_requests_total{result="hit",tier="l1"} 40
            tandem_feature_cache_requests_total{result="miss",tier="l1"} 20
            tandem_feature_cache_requests_total{result="hit",tier="l2"} 20
            tandem_feature_cache_requests_total{result="miss",tier="l2"} 0
            tandem_admission_refused_total{priority="BULK",reason="overloaded"} 8
            """;
    static final String BLENDER_BEFORE = """
            tandem_outcome_in_flight 3
            tandem_outcome_finalised_total{flow="payment-risk",status="FINAL",in_time="true"} 100
            tandem_outcome_flips_total{flow="payment-risk",from="REVIEW",to="DECLINE"} 5
            tandem_outcome_late_results_total{enricher="velocity"} 0
            tandem_outcome_duplicates_total{enricher="velocity"} 0
            tandem_consumer_lag_time_seconds{group="tandem-blender",topic="tandem.enrichments"} 0.1
            """ + lag("velocity", 0.1, 0, 0.2, 0, INF, 0);
    static final String BLENDER_LATEST = """
            tandem_outcome_in_flight 3
            tandem_outcome_finalised_total{flow="payment-risk",status="FINAL",in_time="true"} 180
            tandem_outcome_finalised_total{flow="payment-risk",status="TIMED_OUT",in_time="false"} 20
            tandem_outcome_flips_total{flow="payment-risk",from="REVIEW",to="DECLINE"} 15
            tandem_outcome_late_results_total{enricher="velocity"} 2
            tandem_outcome_duplicates_total{enricher="velocity"} 4
            tandem_consumer_lag_time_seconds{group="tandem-blender",topic="tandem.enrichments"} 0.3
            """ + lag("velocity", 0.1, 50, 0.2, 100, INF, 100);

    static Map<String, Panel> panels() {
        var byId = new java.util.HashMap<String, Panel>();
        Panels.ALL.forEach(panel -> byId.put(panel.id(), panel));
        return byId;
    }

    static Window tenSeconds() {
        return window(List.of(at("decision-api", 0, API_BEFORE), at("blender", 0, BLENDER_BEFORE)),
                List.of(at("decision-api", 10, API_LATEST), at("blender", 10, BLENDER_LATEST)));
    }

    @Test
    void all_haveTheGrafanaTitlesInOrder() {
        assertThat(Panels.ALL).extracting(Panel::title).containsExactly("Enrichment lag by enricher (p50/p95/p99)",
                "Time to final (p50/p95/p99)", "Flip rate", "Late and duplicate results",
                "Consumer lag by group (time)", "Throughput", "Feature cache hit rate by tier", "Shed requests");
    }

    @Test
    void prometheusNames_followMicrometersNaming() {
        assertThat(Panels.ENRICHMENT_LAG).isEqualTo("tandem_enrichment_lag_seconds_bucket");
        assertThat(Panels.prometheus(MetricNames.OUTCOME_LATE_RESULTS, "_total"))
                .isEqualTo("tandem_outcome_late_results_total");
        assertThat(Panels.uses()).contains("tandem_consumer_lag_time_seconds", "tandem_admission_refused_total",
                "tandem_decision_latency_seconds_count", "tandem_outcome_time_to_final_seconds_bucket");
    }

    @Test
    void panels_overAWindow_giveRatesRatiosQuantilesAndGauges() {
        Map<String, Panel> panels = panels();
        Window window = tenSeconds();

        assertThat(panels.get("throughput").series().apply(window))
                .containsEntry("decisions", 10.0) // 100 decisions in 10 s
                .containsEntry("finalised", 10.0) // 80 FINAL + 20 TIMED_OUT
                .containsEntry("enrichment results", null); // no enrichment-workers source
        assertThat(panels.get("flip-rate").series().apply(window)).containsEntry("flipped", 0.1);
        assertThat(panels.get("late-duplicate").series().apply(window))
                .containsEntry("late", 0.2).containsEntry("duplicate", 0.4);
        assertThat(panels.get("cache-hit-rate").series().apply(window))
                .containsEntry("l1", 0.75).containsEntry("l2", 1.0);
        assertThat(panels.get("shed-requests").series().apply(window))
                .containsEntry("total", 0.8).containsEntry("overloaded", 0.8);
        assertThat(panels.get("consumer-lag").series().apply(window)).containsEntry("tandem-blender", 0.3);
        var lag = panels.get("enrichment-lag").series().apply(window);
        assertThat(lag.keySet()).containsExactly("velocity p50", "velocity p95", "velocity p99");
        assertThat(lag.get("velocity p50")).isCloseTo(0.1, within(1e-9));
        assertThat(lag.get("velocity p95")).isCloseTo(0.19, within(1e-9));
    }

    @Test
    void countersNotRegisteredYet_areZeroWhenTheirServiceCanBeCompared_unknownWhenNot() {
        Window quiet = window(List.of(at("decision-api", 0, "tandem_admission_limit 200\n")),
                List.of(at("decision-api", 2, "tandem_admission_limit 200\n")));
        Window first = window(List.of(), List.of(at("decision-api", 2, "tandem_admission_limit 200\n")));

        assertThat(panels().get("shed-requests").series().apply(quiet)).containsExactly(Map.entry("total", 0.0));
        assertThat(panels().get("throughput").series().apply(quiet)).containsEntry("decisions", 0.0);
        assertThat(panels().get("shed-requests").series().apply(first).get("total")).isNull();
    }

    @Test
    void ratios_withNothingCounted_areUnknown() {
        Window window = window(List.of(at("blender", 0, "tandem_outcome_in_flight 0\n")),
                List.of(at("blender", 2, "tandem_outcome_in_flight 0\n")));

        assertThat(panels().get("flip-rate").series().apply(window).get("flipped")).isNull();
        assertThat(panels().get("time-to-final").series().apply(window))
                .containsEntry("p50", null).containsEntry("p99", null);
    }
}
