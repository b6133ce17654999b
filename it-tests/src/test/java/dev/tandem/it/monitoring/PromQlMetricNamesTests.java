package dev.tandem.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTests {

    @Test
    void aQuantileOfAHistogram_readsTheBucketsOnly() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.99, sum by (le, enricher) "
                + "(rate(tandem_enrichment_lag_seconds_bucket{enricher=~\"$enricher\"}[$__rate_interval])))"))
                .containsExactly("tandem_enrichment_lag_seconds_bucket");
    }

    @Test
    void aRatio_readsBothSides_andNotTheLabelsOfItsMatchersOrGroupings() {
        assertThat(PromQlMetricNames.of("sum by (tier) (rate(tandem_feature_cache_requests_total{result=\"hit\"}[1m]))"
                + " / on (tier) group_left sum without(result) (rate(other_total [5m] offset 1h))"))
                .containsExactly("other_total", "tandem_feature_cache_requests_total");
    }

    @Test
    void aSeriesWithoutMatchersOrFunctions_isAName() {
        assertThat(PromQlMetricNames.of("tandem_outcome_in_flight")).containsExactly("tandem_outcome_in_flight");
        assertThat(PromQlMetricNames.of("up == bool 1 or vector(0)")).containsExactly("up");
    }

    @Test
    void numbersStringsAndVariables_areNotNames() {
        assertThat(PromQlMetricNames.of("a > 1e-3 and b < 0x1F unless c{x=\"} rate(d\"} * ${factor} + $scale "
                + "- Inf + NaN")).containsExactly("a", "b", "c");
    }

    @Test
    void sumByAfterTheParenthesis_skipsItsLabels() {
        assertThat(PromQlMetricNames.of("sum(rate(x_total[$__rate_interval])) by (flow, status)"))
                .containsExactly("x_total");
    }

    @Test
    void anUnclosedMatcher_isRefused_ratherThanReadAsNames() {
        assertThatThrownBy(() -> PromQlMetricNames.of("rate(x_total{flow=\"a\"[1m])"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no '}'");
    }
}
