package dev.tandem.api.dashboard;

import static dev.tandem.api.dashboard.Scrapes.at;
import static dev.tandem.api.dashboard.Scrapes.lag;
import static dev.tandem.api.dashboard.Scrapes.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class WindowTests {

    static final String RESULTS = "tandem_enrichment_results_total";
    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void rate_isTheIncreaseOverTheSecondsBetweenTheLooks_summedByGroup() {
        Window window = window(
                List.of(at("workers", 0, """
                        tandem_enrichment_results_total{enricher="velocity",status="OK"} 100
                        tandem_enrichment_results_total{enricher="velocity",status="FAILED"} 4
                        tandem_enrichment_results_total{enricher="deep-risk",status="OK"} 10
                        """)),
                List.of(at("workers", 2, """
                        tandem_enrichment_results_total{enricher="velocity",status="OK"} 120
                        tandem_enrichment_results_total{enricher="velocity",status="FAILED"} 6
                        tandem_enrichment_results_total{enricher="deep-risk",status="OK"} 10
                        """)));

        assertThat(window.rate(RESULTS, s -> s.label("enricher")))
                .containsEntry("velocity", 11.0).containsEntry("deep-risk", 0.0).hasSize(2);
        assertThat(window.rate(RESULTS, Window.ALL)).containsEntry("", 11.0);
        assertThat(window.seconds("workers")).isEqualTo(2.0);
    }

    @Test
    void rate_aCounterLowerThanBefore_wasResetAndCountsFromZero() {
        Window window = window(List.of(at("workers", 0, RESULTS + "{enricher=\"velocity\"} 500\n")),
                List.of(at("workers", 4, RESULTS + "{enricher=\"velocity\"} 20\n")));

        assertThat(window.rate(RESULTS, Window.ALL)).containsEntry("", 5.0);
    }

    @Test
    void rate_aSeriesBornBetweenTheLooks_countsFromZero() {
        Window window = window(List.of(at("api", 0, "other 1\n")),
                List.of(at("api", 2, "tandem_admission_refused_total{reason=\"overloaded\"} 6\n")));

        assertThat(window.rate("tandem_admission_refused_total", s -> s.label("reason")))
                .containsEntry("overloaded", 3.0);
    }

    @Test
    void rate_withoutALookBefore_orWithASourceDown_isUnknown() {
        Window first = window(List.of(), List.of(at("workers", 2, RESULTS + " 5\n")));
        Window afterDown = window(List.of(Scrape.down("workers", Scrapes.T0, "refused")),
                List.of(at("workers", 2, RESULTS + " 5\n")));

        assertThat(first.rate(RESULTS, Window.ALL)).containsEntry("", null);
        assertThat(afterDown.rate(RESULTS, Window.ALL)).containsEntry("", null);
        assertThat(first.seconds("workers")).isNull();
        assertThat(first.comparable(RESULTS)).isFalse();
    }

    @Test
    void rate_addsSeriesFromSeveralSources_eachOverItsOwnWindow() {
        Window window = window(
                List.of(at("a", 0, "x_total 0\n"), at("b", 1, "x_total 0\n")),
                List.of(at("a", 2, "x_total 4\n"), at("b", 5, "x_total 8\n")));

        assertThat(window.rate("x_total", Window.ALL)).containsEntry("", 2.0 + 2.0);
    }

    @Test
    void quantile_comesFromTheBucketIncreases_notFromEverythingSinceStart() {
        // before: 1000 slow observations (all in (0.4, 0.8]); in the window: 100 fast ones in (0.05, 0.1]
        Window window = window(
                List.of(at("blender", 0, lag("velocity", 0.05, 0, 0.1, 0, 0.4, 0, 0.8, 1000, INF, 1000))),
                List.of(at("blender", 2, lag("velocity", 0.05, 0, 0.1, 100, 0.4, 100, 0.8, 1100, INF, 1100))));

        Double p50 = window.quantile(0.5, Panels.ENRICHMENT_LAG, s -> s.label("enricher")).get("velocity");

        assertThat(p50).isCloseTo(0.075, within(1e-9));
    }

    @Test
    void quantile_sumsTheBucketsOfEverySeriesInAGroup() {
        // two flows' histograms: 10 observations in (0, 0.1] and 30 in (0.1, 0.2]
        String before = """
                h_bucket{flow="a",le="0.1"} 0
                h_bucket{flow="a",le="0.2"} 0
                h_bucket{flow="a",le="+Inf"} 0
                h_bucket{flow="b",le="0.1"} 0
                h_bucket{flow="b",le="0.2"} 0
                h_bucket{flow="b",le="+Inf"} 0
                """;
        String latest = """
                h_bucket{flow="a",le="0.1"} 10
                h_bucket{flow="a",le="0.2"} 10
                h_bucket{flow="a",le="+Inf"} 10
                h_bucket{flow="b",le="0.1"} 0
                h_bucket{flow="b",le="0.2"} 30
                h_bucket{flow="b",le="+Inf"} 30
                """;
        Window window = window(List.of(at("blender", 0, before)), List.of(at("blender", 1, latest)));

        assertThat(window.quantile(0.5, "h_bucket", Window.ALL).get("")).isCloseTo(0.1 + 0.1 * 10 / 30,
                within(1e-9));
    }

    @Test
    void quantile_nothingObservedInTheWindow_isUnknown() {
        String same = lag("velocity", 0.1, 5, INF, 5);
        Window window = window(List.of(at("blender", 0, same)), List.of(at("blender", 2, same)));

        assertThat(window.quantile(0.99, Panels.ENRICHMENT_LAG, s -> s.label("enricher")))
                .containsEntry("velocity", null);
    }

    @Test
    void quantile_afterARestart_usesTheNewCountsFromZero() {
        Window window = window(List.of(at("blender", 0, lag("velocity", 0.1, 900, 0.2, 1000, INF, 1000))),
                List.of(at("blender", 2, lag("velocity", 0.1, 0, 0.2, 4, INF, 4))));

        assertThat(window.quantile(0.5, Panels.ENRICHMENT_LAG, s -> s.label("enricher")).get("velocity"))
                .isCloseTo(0.15, within(1e-9));
    }

    @Test
    void gaugeMax_isTheLatestValue_largestPerGroup_fromSourcesUp() {
        Window window = window(List.of(), List.of(
                at("workers", 0, """
                        tandem_consumer_lag_time_seconds{group="tandem-enricher-velocity",topic="a"} 0.5
                        tandem_consumer_lag_time_seconds{group="tandem-enricher-velocity",topic="b"} 1.5
                        """),
                at("blender", 0, "tandem_consumer_lag_time_seconds{group=\"tandem-blender\",topic=\"c\"} 0.25\n"),
                Scrape.down("other", Scrapes.T0, "refused")));

        assertThat(window.gaugeMax(Panels.CONSUMER_LAG, s -> s.label("group")))
                .containsEntry("tandem-enricher-velocity", 1.5).containsEntry("tandem-blender", 0.25).hasSize(2);
    }

    @Test
    void increase_dropIsAReset() {
        assertThat(Window.increase(10, 15)).isEqualTo(5);
        assertThat(Window.increase(10, 3)).isEqualTo(3);
    }
}
