package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentilePlotTests {

    @Test
    void decadesOf_spacesTheNinesEqually() {
        assertThat(PercentilePlot.decadesOf(0, 5)).isZero();
        assertThat(PercentilePlot.decadesOf(90, 5)).isCloseTo(1, within(1e-9));
        assertThat(PercentilePlot.decadesOf(99, 5)).isCloseTo(2, within(1e-9));
        assertThat(PercentilePlot.decadesOf(99.9, 5)).isCloseTo(3, within(1e-9));
        assertThat(PercentilePlot.decadesOf(100, 5)).isEqualTo(5); // the maximum sits at the axis' end
    }

    @Test
    void axisLabels_arePercentilesWithTheirNines() {
        assertThat(List.of(0, 1, 2, 3, 4, 5)).map(PercentilePlot::percentileLabel)
                .containsExactly("0%", "90%", "99%", "99.9%", "99.99%", "99.999%");
    }

    @Test
    void decades_growWithTheSamples_fromTwoToSix() {
        assertThat(PercentilePlot.decades(50)).isEqualTo(2);
        assertThat(PercentilePlot.decades(20_000)).isEqualTo(5);
        assertThat(PercentilePlot.decades(1_000_000_000)).isEqualTo(6);
    }

    @Test
    void points_followTheHistogram_fromItsLeastToItsLargestValue() {
        var micros = new Histogram(60_000_000, 3);
        for (int v = 1; v <= 1_000; v++) {
            micros.recordValue(v * 10L);
        }

        List<PercentilePlot.Point> points = PercentilePlot.points(micros);

        assertThat(points.getFirst().millis()).isCloseTo(0.01, within(0.001));
        assertThat(points.getLast().percentile()).isEqualTo(100);
        assertThat(points.getLast().millis()).isCloseTo(10, within(0.01));
        assertThat(points).isSortedAccordingTo((a, b) -> Double.compare(a.percentile(), b.percentile()));
        assertThat(points).isSortedAccordingTo((a, b) -> Double.compare(a.millis(), b.millis()));
    }

    @Test
    void svg_drawsOneLinePerSeries_theGuides_andEscapesNames() {
        var fast = new PercentilePlot.Series("fast <a&b>", "#111111",
                List.of(new PercentilePlot.Point(0, 0.5), new PercentilePlot.Point(99, 2)));
        var slow = new PercentilePlot.Series("slow", "#222222",
                List.of(new PercentilePlot.Point(0, 5), new PercentilePlot.Point(99.9, 80)));

        String svg = PercentilePlot.svg("title \"x\"", List.of(fast, slow),
                List.of(new PercentilePlot.Guide("goal", 10)), 5_000);

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains("fast &lt;a&amp;b&gt;", "title &quot;x&quot;", ">goal<", "stroke-dasharray");
        assertThat(svg).contains(">99.9%<", ">99.99%<").doesNotContain(">99.999%<"); // 5,000 samples: 4 decades
        assertThat(svg).contains(">0.1<", ">100<"); // the latency axis spans the data's decades
    }
}
