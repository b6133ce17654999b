package dev.tandem.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    @Test
    void parse_micrometerOutput_readsNamesLabelsAndValuesAndSkipsComments() {
        String text = """
                # HELP tandem_enrichment_lag_seconds decision time to enrichment result merged
                # TYPE tandem_enrichment_lag_seconds histogram
                tandem_enrichment_lag_seconds_bucket{application="blender",enricher="velocity",le="0.001"} 0
                tandem_enrichment_lag_seconds_bucket{application="blender",enricher="velocity",le="+Inf"} 12
                tandem_enrichment_lag_seconds_count{application="blender",enricher="velocity"} 12

                tandem_outcome_in_flight{application="blender"} 3.0
                process_uptime_seconds 1.234E3
                """;

        List<Sample> samples = PrometheusText.parse(text);

        assertThat(samples).containsExactly(
                new Sample("tandem_enrichment_lag_seconds_bucket",
                        Map.of("application", "blender", "enricher", "velocity", "le", "0.001"), 0),
                new Sample("tandem_enrichment_lag_seconds_bucket",
                        Map.of("application", "blender", "enricher", "velocity", "le", "+Inf"), 12),
                new Sample("tandem_enrichment_lag_seconds_count",
                        Map.of("application", "blender", "enricher", "velocity"), 12),
                new Sample("tandem_outcome_in_flight", Map.of("application", "blender"), 3),
                new Sample("process_uptime_seconds", Map.of(), 1234));
    }

    @Test
    void parse_escapedLabelValuesSpacesTrailingCommaAndTimestamp_areRead() {
        List<Sample> samples = PrometheusText.parse(
                "m{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",lines=\"a\\nb\", brace=\"}\",} 7 1700000000000\n");

        assertThat(samples).singleElement().isEqualTo(new Sample("m",
                Map.of("path", "C:\\dir", "quote", "say \"hi\"", "lines", "a\nb", "brace", "}"), 7));
    }

    @Test
    void parse_specialValues_areNaNAndInfinities() {
        List<Sample> samples = PrometheusText.parse("a NaN\nb +Inf\nc -Inf\nd 1e-3\n");

        assertThat(samples).extracting(Sample::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.001);
    }

    @Test
    void parse_withAFilter_keepsOnlyTheNamesAccepted() {
        List<Sample> samples = PrometheusText.parse("keep{a=\"1\"} 1\nskip{a=\"2\"} 2\nkeep 3\n", "keep"::equals);

        assertThat(samples).extracting(Sample::value).containsExactly(1.0, 3.0);
    }

    @Test
    void parse_aLineThatIsNoSample_namesTheLine() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=\"1\" 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("broken");
        assertThatThrownBy(() -> PrometheusText.parse("novalue\n"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\"} notanumber\n"))
                .hasMessageContaining("line 1");
    }

    @Test
    void label_missing_isEmptyAsInPromQl() {
        assertThat(new Sample("m", Map.of("a", "1"), 1).label("b")).isEmpty();
    }
}
