package dev.tandem.benchmarks.openloop;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What one open-loop run measured, over its measured window only (the warm-up's sends are counted in
 * {@link #accepted} alone).
 *
 * @param intendedPerSecond the rate sends were due at
 * @param window the measured window
 * @param latency due time → whole answer read, in µs, of the measured answers that were not failures
 * @param sendLag due time → the request written to a connection, in µs: the generator's own lateness (the pacing
 *        thread late, or every connection busy); part of {@code latency}
 * @param sends the measured sends
 * @param ok answers that were what the target promises
 * @param degraded answers that were, but said they were degraded (features from defaults)
 * @param errors failed measured sends by kind ({@code HTTP 503}, {@code SocketException}, {@code no answer})
 * @param achievedPerSecond measured answers (ok and degraded) ÷ the time from the first measured send's due time to
 *        the last measured answer: below the intended rate when the system (or the generator) fell behind
 * @param accepted answers that were not failures, warm-up included: what the platform has to finish
 * @param connections connections opened (each keep-alive connection's reopenings included)
 */
public record LoadResult(int intendedPerSecond, Duration window, Histogram latency, Histogram sendLag, long sends,
        long ok, long degraded, Map<String, Long> errors, double achievedPerSecond, long accepted, long connections) {

    public LoadResult {
        errors = new TreeMap<>(errors);
    }

    /** All failed measured sends. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Measured answers that were not failures. */
    public long answered() {
        return ok + degraded;
    }

    /** The latency at {@code percentile} (0 to 100), in ms. */
    public double millisAt(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
