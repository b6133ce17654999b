package dev.tandem.benchmarks.openloop;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run has measured so far. Sends are counted by the thread that makes them (the pacing one or the loop), ends
 * by the run's event loop alone; what the progress line and the drain read while the run goes on is atomic, the rest
 * is read once the loop has ended.
 */
final class Tally {

    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final LoadRun.Plan plan;
    private final LoadRun.Judge judge;
    private final LoadRun.Observer observer;
    private final Recorder interval = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram sendLag = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Map<String, Long> errors = new HashMap<>();
    private long measuredDone;
    private long ok;
    private long degraded;
    private long lastAnswerNanos = Long.MIN_VALUE;

    Tally(LoadRun.Plan plan, LoadRun.Judge judge, LoadRun.Observer observer) {
        this.plan = plan;
        this.judge = judge;
        this.observer = observer;
    }

    /** Send {@code i}, due at {@code dueNanos}, goes to its connection at {@code nowNanos} (any thread). */
    void sent(long i, long dueNanos, long nowNanos) {
        sent.incrementAndGet();
        if (measured(i)) {
            sendLag.recordValue(micros(nowNanos - dueNanos));
        }
    }

    /** Send {@code i} was answered at {@code nowNanos}: judged, observed, recorded. */
    void answered(long i, long dueNanos, int status, byte[] body, long nowNanos) {
        long micros = micros(nowNanos - dueNanos);
        try {
            if (measured(i)) {
                observer.observe(i, status, micros);
            }
            LoadRun.Kind kind = judge.judge(status, body);
            if (kind == LoadRun.Kind.FAILED) {
                failed(i, "HTTP " + status);
                return;
            }
            interval.recordValue(micros);
            accepted.incrementAndGet();
            if (measured(i)) {
                latency.recordValue(micros);
                if (kind == LoadRun.Kind.OK) {
                    ok++;
                } else {
                    degraded++;
                }
                lastAnswerNanos = Math.max(lastAnswerNanos, nowNanos);
            }
        } catch (RuntimeException e) {
            failed(i, e.getClass().getSimpleName());
        } finally {
            ended(i);
        }
    }

    /** Send {@code i} ended at {@code nowNanos} without an answer, for a reason of {@code kind}. */
    void failed(long i, long dueNanos, String kind, long nowNanos) {
        try {
            if (measured(i)) {
                observer.observe(i, 0, micros(nowNanos - dueNanos));
            }
        } finally {
            failed(i, kind);
            ended(i);
        }
    }

    long sent() {
        return sent.get();
    }

    long accepted() {
        return accepted.get();
    }

    long failed() {
        return failed.get();
    }

    /** Sends that ended, answered or not, warm-up included. */
    long done() {
        return done.get();
    }

    /** The latencies recorded since the last call (for the progress line; any thread). */
    Histogram interval() {
        return interval.getIntervalHistogram();
    }

    /** What the run measured, once it has ended: measured sends never answered count as {@code noAnswer}. */
    LoadResult result(Schedule schedule, String noAnswer, long connections) {
        long unanswered = plan.measuredSends() - measuredDone;
        if (unanswered > 0) {
            errors.merge(noAnswer, unanswered, Long::sum);
        }
        long firstMeasuredDue = schedule.dueNanos(plan.warmUpSends());
        long answered = ok + degraded;
        double achieved = answered == 0 ? 0 : answered * 1e9 / Math.max(1, lastAnswerNanos - firstMeasuredDue);
        return new LoadResult(plan.ratePerSecond(), plan.window(), latency, sendLag, plan.measuredSends(), ok,
                degraded, errors, achieved, accepted.get(), connections);
    }

    private void failed(long i, String kind) {
        failed.incrementAndGet();
        if (measured(i)) {
            errors.merge(kind, 1L, Long::sum);
        }
    }

    private void ended(long i) {
        done.incrementAndGet();
        if (measured(i)) {
            measuredDone++;
        }
    }

    private boolean measured(long i) {
        return i >= plan.warmUpSends();
    }

    static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
