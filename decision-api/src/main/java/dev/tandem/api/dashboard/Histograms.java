package dev.tandem.api.dashboard;

import java.util.Map;
import java.util.NavigableMap;

import org.jspecify.annotations.Nullable;

/** Quantiles from cumulative histogram buckets, the way PromQL's {@code histogram_quantile} estimates them. */
final class Histograms {

    private Histograms() {
    }

    /**
     * The {@code q}-quantile of the observations counted in {@code buckets}: cumulative counts (or rates) by upper
     * bound ({@code le}), which must include {@code +Inf}. Linear interpolation inside the bucket the rank falls in,
     * from 0 for the first bucket; a rank in the {@code +Inf} bucket answers the largest finite bound. Counts that
     * drop from one bound to the next (a torn read) are raised to the one before.
     *
     * @return the estimate, or {@code null} when nothing was observed or there is no {@code +Inf} bucket
     */
    static @Nullable Double quantile(double q, NavigableMap<Double, Double> buckets) {
        if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY || q < 0 || q > 1) {
            return null;
        }
        double observed = 0;
        for (double count : buckets.values()) {
            observed = Math.max(observed, count);
        }
        if (observed <= 0) {
            return null;
        }
        double rank = q * observed;
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upperBound = bucket.getKey();
            double count = Math.max(countBelow, bucket.getValue());
            if (count >= rank && count > 0) {
                if (upperBound == Double.POSITIVE_INFINITY) {
                    Double largestFinite = buckets.lowerKey(upperBound);
                    return largestFinite == null ? null : largestFinite;
                }
                if (upperBound <= 0) {
                    return upperBound;
                }
                double inBucket = count - countBelow;
                return inBucket <= 0 ? lowerBound : lowerBound + (upperBound - lowerBound) * (rank - countBelow) / inBucket;
            }
            lowerBound = upperBound;
            countBelow = count;
        }
        return null;
    }
}
