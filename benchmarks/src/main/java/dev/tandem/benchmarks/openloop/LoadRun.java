package dev.tandem.benchmarks.openloop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One open-loop HTTP run against one server: sends at a constant rate ({@link Schedule}), first for the warm-up, then
 * for the measured window, spread over a fixed pool of keep-alive connections as wrk2 spreads them (the pool a
 * client would hold; one virtual thread per connection). A send that finds every connection busy waits in a queue:
 * its latency still counts from its due time. Prints a progress line every 5 s. Then waits at most {@code drain}
 * for the answers still due, and counts the ones that never came as errors.
 */
public final class LoadRun {

    /**
     * @param ratePerSecond sends per second
     * @param warmUp how long to send before measuring (same rate, answers not recorded)
     * @param window how long to measure
     * @param connections the connection pool's size
     * @param drain how long to wait for outstanding answers after the last send
     */
    public record Plan(int ratePerSecond, Duration warmUp, Duration window, int connections, Duration drain) {

        /** The warm-up's sends: the first measured send's number. */
        public long warmUpSends() {
            return warmUp.toMillis() * ratePerSecond / 1000;
        }

        /** The measured window's sends. */
        public long measuredSends() {
            return window.toMillis() * ratePerSecond / 1000;
        }
    }

    /** What an answer counts as. */
    public enum Kind {
        /** What the target promises. */
        OK,
        /** An answer, but one that says it is degraded (recorded, and counted apart). */
        DEGRADED,
        /** Not an answer the target promises (a wrong status): an error. */
        FAILED
    }

    /** Judges an answer by its status and body. */
    @FunctionalInterface
    public interface Judge {

        Kind judge(int status, byte[] body);
    }

    /**
     * Sees how each measured send ended, on the connection's thread, as it ends: for a caller that splits the answers
     * further than the {@link Judge} does (by the kind of request sent, by status). It must be quick and thread-safe.
     * A send still queued for a connection when the run ends is never sent, and not observed.
     */
    @FunctionalInterface
    public interface Observer {

        /** An observer that does nothing. */
        Observer NONE = (i, status, micros) -> { };

        /**
         * @param i the send's number (warm-up sends included in the numbering)
         * @param status the answer's HTTP status, or 0 when there was none (an I/O error, or no answer before the drain
         *        ended)
         * @param micros the send's due time → its answer (or its failure), in µs, as {@link LoadResult#latency}
         */
        void observe(long i, int status, long micros);
    }

    private record Due(long i, long nanos) {
    }

    private static final Due STOP = new Due(-1, 0);
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final long PROGRESS_SECONDS = 5;

    private final InetSocketAddress server;
    private final Plan plan;
    private final LongFunction<byte[]> requests;
    private final Judge judge;
    private final Observer observer;
    private final LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final Recorder interval = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram sendLag = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder done = new LongAdder();
    private final LongAdder measuredDone = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder degraded = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAccumulator lastAnswer = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final List<HttpConnection> connections = new ArrayList<>();
    private volatile boolean stopping;

    private LoadRun(InetSocketAddress server, Plan plan, LongFunction<byte[]> requests, Judge judge,
            Observer observer) {
        this.server = server;
        this.plan = plan;
        this.requests = requests;
        this.judge = judge;
        this.observer = observer;
    }

    /**
     * Runs the plan against {@code server}; {@code requests} makes send {@code i}'s request bytes (on a connection's
     * thread, not the pacing one), {@code progress} gets the progress lines.
     */
    public static LoadResult run(InetSocketAddress server, Plan plan, LongFunction<byte[]> requests, Judge judge,
            Consumer<String> progress) throws InterruptedException {
        return run(server, plan, requests, judge, Observer.NONE, progress);
    }

    /**
     * As {@link #run(InetSocketAddress, Plan, LongFunction, Judge, Consumer)}, and {@code observer} sees how each
     * measured send ended.
     */
    public static LoadResult run(InetSocketAddress server, Plan plan, LongFunction<byte[]> requests, Judge judge,
            Observer observer, Consumer<String> progress) throws InterruptedException {
        return new LoadRun(server, plan, requests, judge, observer).run(progress);
    }

    private LoadResult run(Consumer<String> progress) throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < plan.connections(); c++) {
            var connection = new HttpConnection(server);
            connections.add(connection);
            threads.add(Thread.ofVirtual().name("load-" + c).start(() -> work(connection)));
        }
        long total = plan.warmUpSends() + plan.measuredSends();
        Schedule schedule = Schedule.startingIn(Duration.ofMillis(20), plan.ratePerSecond());
        var printer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        printer.scheduleAtFixedRate(() -> progress.accept(progressLine(schedule, total)), PROGRESS_SECONDS,
                PROGRESS_SECONDS, TimeUnit.SECONDS);
        try {
            schedule.pace(i -> i < total, (i, due) -> queue.add(new Due(i, due)));
            long deadline = System.nanoTime() + plan.drain().toNanos();
            while (done.sum() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            printer.shutdownNow();
            stop(threads);
        }
        long unanswered = plan.measuredSends() - measuredDone.sum();
        if (unanswered > 0) {
            errors.computeIfAbsent(noAnswer(), k -> new LongAdder()).add(unanswered);
        }
        long firstMeasuredDue = schedule.dueNanos(plan.warmUpSends());
        long answered = ok.sum() + degraded.sum();
        double achieved = answered == 0 ? 0 : answered * 1e9 / Math.max(1, lastAnswer.get() - firstMeasuredDue);
        var errorCounts = new TreeMap<String, Long>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        return new LoadResult(plan.ratePerSecond(), plan.window(), latency, sendLag, plan.measuredSends(), ok.sum(),
                degraded.sum(), errorCounts, achieved, accepted.sum(),
                connections.stream().mapToLong(HttpConnection::opened).sum());
    }

    private void work(HttpConnection connection) {
        try {
            for (Due due = queue.take(); due != STOP; due = queue.take()) {
                boolean measured = due.i() >= plan.warmUpSends();
                sent.increment();
                if (measured) {
                    sendLag.recordValue(micros(System.nanoTime() - due.nanos()));
                }
                try {
                    HttpConnection.Answer answer = connection.exchange(requests.apply(due.i()));
                    long now = System.nanoTime();
                    if (measured) {
                        observer.observe(due.i(), answer.status(), micros(now - due.nanos()));
                    }
                    answered(due, now, measured, judge.judge(answer.status(), answer.body()), answer.status());
                } catch (IOException | RuntimeException e) {
                    if (measured) {
                        observer.observe(due.i(), 0, micros(System.nanoTime() - due.nanos()));
                    }
                    failed(measured, stopping ? noAnswer() : e.getClass().getSimpleName());
                } finally {
                    done.increment();
                    if (measured) {
                        measuredDone.increment();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
        }
    }

    private void answered(Due due, long now, boolean measured, Kind kind, int status) {
        if (kind == Kind.FAILED) {
            failed(measured, "HTTP " + status);
            return;
        }
        long micros = micros(now - due.nanos());
        interval.recordValue(micros);
        accepted.increment();
        if (measured) {
            latency.recordValue(micros);
            (kind == Kind.OK ? ok : degraded).increment();
            lastAnswer.accumulate(now);
        }
    }

    private void failed(boolean measured, String kind) {
        failed.increment();
        if (measured) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    private void stop(List<Thread> threads) throws InterruptedException {
        threads.forEach(thread -> queue.add(STOP));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        stopping = true;
        connections.forEach(HttpConnection::close); // ends the reads of answers that never came
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(1));
        }
    }

    private String progressLine(Schedule schedule, long total) {
        long now = System.nanoTime();
        long due = Math.min(total, schedule.dueBy(now));
        String phase = due <= plan.warmUpSends() ? "warm-up" : due < total ? "measured" : "draining";
        Histogram last = interval.getIntervalHistogram();
        return String.format(Locale.ROOT, "    %3d s %-8s due %,d, sent %,d, answered %,d, failed %,d, queued %,d;"
                + " last %d s: %,.0f/s, p99 %.2f ms", TimeUnit.NANOSECONDS.toSeconds(now - schedule.startNanos()),
                phase, due, sent.sum(), accepted.sum(), failed.sum(), queue.size(), PROGRESS_SECONDS,
                last.getTotalCount() / (double) PROGRESS_SECONDS, last.getValueAtPercentile(99) / 1000.0);
    }

    private String noAnswer() {
        return "no answer within " + plan.drain().toSeconds() + " s of the last send";
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
