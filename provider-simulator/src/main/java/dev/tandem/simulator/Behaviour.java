package dev.tandem.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How the simulated provider behaves: each answer waits {@code baseLatency} plus an exponentially distributed tail of
 * mean {@code tailMean} (so most answers are close to the base and a few are much slower, as a real provider's), then
 * fails with status {@code errorStatus} with probability {@code errorRate}.
 *
 * <p>As JSON (the admin endpoint's body and answer): {@code {"baseLatencyMs":15,"tailMeanMs":10,"errorRate":0.01,
 * "errorStatus":503}}; latencies in milliseconds, fractions allowed.
 *
 * @param baseLatency the least time an answer takes
 * @param tailMean the mean of the exponential tail added to it; zero for none
 * @param errorRate the share of answers that fail, from 0 to 1
 * @param errorStatus the status of a failed answer, from 400 to 599 (503, 500, 429, ...)
 */
public record Behaviour(Duration baseLatency, Duration tailMean, double errorRate, int errorStatus) {

    /** The longest a single answer waits, whatever the tail draws. */
    static final Duration MAX_LATENCY = Duration.ofSeconds(60);

    public Behaviour {
        if (baseLatency.isNegative() || tailMean.isNegative()) {
            throw new IllegalArgumentException("latencies must not be negative: baseLatencyMs "
                    + millis(baseLatency) + ", tailMeanMs " + millis(tailMean));
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be from 0 to 1, not " + errorRate);
        }
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be from 400 to 599, not " + errorStatus);
        }
    }

    /** Answers at once and never fails: for benchmarks that measure enrichers costing nothing, and for tests. */
    public static Behaviour instant() {
        return new Behaviour(Duration.ZERO, Duration.ZERO, 0, 503);
    }

    /**
     * The local run's provider: 15 ms plus a tail of mean 10 ms (p50 about 22 ms, p99 about 61 ms), and 1 % of
     * answers a 503, so retries and the dashboards have something to show.
     */
    public static Behaviour realistic() {
        return new Behaviour(Duration.ofMillis(15), Duration.ofMillis(10), 0.01, 503);
    }

    /** Answers after {@code latency} exactly, never failing. */
    public static Behaviour fixedLatency(Duration latency) {
        return new Behaviour(latency, Duration.ZERO, 0, 503);
    }

    /** Answers at once, every answer failing with {@code status}. */
    public static Behaviour failing(int status) {
        return new Behaviour(Duration.ZERO, Duration.ZERO, 1, status);
    }

    /** How long the next answer waits. */
    Duration drawLatency(RandomGenerator random) {
        if (tailMean.isZero()) {
            return min(baseLatency, MAX_LATENCY);
        }
        double tail = -Math.log(1 - random.nextDouble()) * tailMean.toNanos();
        return min(baseLatency.plusNanos((long) Math.min(tail, MAX_LATENCY.toNanos())), MAX_LATENCY);
    }

    /** Whether the next answer fails. */
    boolean drawFailure(RandomGenerator random) {
        return errorRate > 0 && random.nextDouble() < errorRate;
    }

    /**
     * This behaviour with the fields given in {@code changes} replaced, the rest kept.
     *
     * @param changes JSON names ({@code baseLatencyMs}, ...) to values
     * @throws IllegalArgumentException naming an unknown field or a bad value
     */
    Behaviour with(Map<String, Object> changes) {
        Duration base = baseLatency;
        Duration tail = tailMean;
        double rate = errorRate;
        int status = errorStatus;
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            double value = number(change.getKey(), change.getValue());
            switch (change.getKey()) {
                case "baseLatencyMs" -> base = Duration.ofNanos(Math.round(value * 1e6));
                case "tailMeanMs" -> tail = Duration.ofNanos(Math.round(value * 1e6));
                case "errorRate" -> rate = value;
                case "errorStatus" -> status = (int) value;
                default -> throw new IllegalArgumentException("unknown field " + change.getKey()
                        + "; known: baseLatencyMs, tailMeanMs, errorRate, errorStatus");
            }
        }
        return new Behaviour(base, tail, rate, status);
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"baseLatencyMs\":%s,\"tailMeanMs\":%s,\"errorRate\":%s,\"errorStatus\":%d}",
                millis(baseLatency), millis(tailMean), errorRate, errorStatus);
    }

    private static double number(String field, Object value) {
        if (value instanceof Double number && Double.isFinite(number)) {
            return number;
        }
        throw new IllegalArgumentException(field + " must be a number, not " + value);
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
