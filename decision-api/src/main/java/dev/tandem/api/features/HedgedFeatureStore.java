package dev.tandem.api.features;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Hedged reads of the online store ("The Tail at Scale"): a read that has not answered after the delay the live
 * p95 of reads suggests is sent again over a second connection, and whichever answers first is used. Hedges are
 * budgeted: each read earns {@code max-share} of a hedge (at most a small burst saved), so they stay under that
 * share of reads even when the store is slow for everyone. Writes are not hedged. Thread-safe.
 *
 * <p>The p95 comes from the reads' latencies of the last interval (an HdrHistogram {@link Recorder}, swapped at most
 * every {@code window}); until a window has enough reads the initial delay is used.
 */
final class HedgedFeatureStore implements FeatureStore {

    private static final long MAX_TRACKED = TimeUnit.SECONDS.toNanos(10);
    private static final int MIN_SAMPLES = 100;
    private static final double BURST = 10;

    private final FeatureStore primary;
    private final FeatureStore hedge;
    private final HedgingProperties settings;
    private final Delays delays;
    private final LongSupplier nanoTime;
    private final Recorder latencies = new Recorder(MAX_TRACKED, 2);
    private final Counter sent;
    private final Counter won;
    private final Object budgetLock = new Object();
    private double tokens = BURST;
    private volatile long delayNanos;
    private volatile long windowStart;
    private Histogram interval;

    /** Runs a task after a delay (a scheduled executor; a fake in tests). */
    @FunctionalInterface
    interface Delays {

        void after(long nanos, Runnable task);
    }

    /**
     * @param primary the store reads go to first
     * @param hedge the same store over another connection, for the second try
     */
    HedgedFeatureStore(FeatureStore primary, FeatureStore hedge, HedgingProperties settings, Delays delays,
            LongSupplier nanoTime, MeterRegistry meters) {
        this.primary = primary;
        this.hedge = hedge;
        this.settings = settings;
        this.delays = delays;
        this.nanoTime = nanoTime;
        this.delayNanos = settings.initialDelay().toNanos();
        this.windowStart = nanoTime.getAsLong();
        this.sent = Counter.builder(MetricNames.FEATURE_HEDGES).tag(MetricNames.TAG_RESULT, "sent")
                .description("hedged online-store reads: sent, and won (the hedge answered first)").register(meters);
        this.won = Counter.builder(MetricNames.FEATURE_HEDGES).tag(MetricNames.TAG_RESULT, "won")
                .description("hedged online-store reads: sent, and won (the hedge answered first)").register(meters);
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return readAll(tenant, List.of(entityId)).thenApply(List::getFirst);
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        long start = nanoTime.getAsLong();
        earn();
        var answer = new CompletableFuture<List<EntityFeatures>>();
        // the read fails only when every copy sent failed: the first, and the hedge if one went out
        var outstanding = new AtomicInteger(1);
        CompletableFuture<List<EntityFeatures>> first = primary.readAll(tenant, entityIds).toCompletableFuture();
        first.whenComplete((read, failure) -> {
            if (failure == null) {
                record(start);
                answer.complete(read);
            } else if (outstanding.decrementAndGet() == 0) {
                answer.completeExceptionally(failure);
            }
        });
        if (!first.isDone()) {
            delays.after(delayNanos, () -> {
                if (answer.isDone() || !spend()) {
                    return;
                }
                if (outstanding.getAndIncrement() == 0) {
                    outstanding.decrementAndGet(); // the first read already failed and answered
                    return;
                }
                sent.increment();
                hedge.readAll(tenant, entityIds).whenComplete((read, failure) -> {
                    if (failure == null) {
                        if (answer.complete(read)) {
                            won.increment();
                        }
                    } else if (outstanding.decrementAndGet() == 0) {
                        answer.completeExceptionally(failure);
                    }
                });
            });
        }
        return answer;
    }

    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        return primary.write(tenant, entityId, group);
    }

    /** The delay after which an unanswered read is hedged now. */
    Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    private void earn() {
        synchronized (budgetLock) {
            tokens = Math.min(BURST, tokens + settings.maxShare());
        }
    }

    private boolean spend() {
        synchronized (budgetLock) {
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private void record(long start) {
        long now = nanoTime.getAsLong();
        latencies.recordValue(Math.min(MAX_TRACKED, Math.max(0, now - start)));
        if (now - windowStart >= settings.window().toNanos()) {
            rollWindow(now);
        }
    }

    private synchronized void rollWindow(long now) {
        if (now - windowStart < settings.window().toNanos()) {
            return;
        }
        windowStart = now;
        interval = latencies.getIntervalHistogram(interval);
        if (interval.getTotalCount() >= MIN_SAMPLES) {
            long p95 = interval.getValueAtPercentile(95);
            delayNanos = Math.max(settings.minDelay().toNanos(), p95);
        }
    }
}
