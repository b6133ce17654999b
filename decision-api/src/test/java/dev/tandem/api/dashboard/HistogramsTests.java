package dev.tandem.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class HistogramsTests {

    private static TreeMap<Double, Double> buckets(double... boundsAndCounts) {
        var buckets = new TreeMap<Double, Double>();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            buckets.put(boundsAndCounts[i], boundsAndCounts[i + 1]);
        }
        return buckets;
    }

    @Test
    void quantile_interpolatesLinearlyInsideTheBucketTheRankFallsIn() {
        // 10 observations up to 0.1, 10 more up to 0.2, 20 more up to 0.4: 40 in all
        var buckets = buckets(0.1, 10, 0.2, 20, 0.4, 40, Double.POSITIVE_INFINITY, 40);

        assertThat(Histograms.quantile(0.5, buckets)).isCloseTo(0.2, within(1e-9)); // rank 20: end of bucket 2
        assertThat(Histograms.quantile(0.25, buckets)).isCloseTo(0.1, within(1e-9));
        assertThat(Histograms.quantile(0.75, buckets)).isCloseTo(0.3, within(1e-9)); // rank 30: half of (0.2, 0.4]
        assertThat(Histograms.quantile(0.125, buckets)).isCloseTo(0.05, within(1e-9)); // from 0 in the first bucket
    }

    @Test
    void quantile_inTheInfBucket_isTheLargestFiniteBound() {
        var buckets = buckets(0.1, 1, 0.2, 2, Double.POSITIVE_INFINITY, 100);

        assertThat(Histograms.quantile(0.99, buckets)).isEqualTo(0.2);
    }

    @Test
    void quantile_nothingObservedOrNoInfBucket_isUnknown() {
        assertThat(Histograms.quantile(0.5, buckets(0.1, 0, Double.POSITIVE_INFINITY, 0))).isNull();
        assertThat(Histograms.quantile(0.5, buckets(0.1, 3, 0.2, 5))).isNull();
        assertThat(Histograms.quantile(0.5, new TreeMap<>())).isNull();
    }

    @Test
    void quantile_countsThatDropFromOneBoundToTheNext_areRaisedToTheOneBefore() {
        // a torn read: the 0.2 bucket reads lower than the 0.1 one
        var buckets = buckets(0.1, 10, 0.2, 8, 0.4, 20, Double.POSITIVE_INFINITY, 20);

        assertThat(Histograms.quantile(0.5, buckets)).isCloseTo(0.1, within(1e-9));
        assertThat(Histograms.quantile(0.75, buckets)).isCloseTo(0.3, within(1e-9));
    }
}
