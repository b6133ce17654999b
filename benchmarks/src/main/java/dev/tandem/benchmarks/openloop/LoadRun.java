package dev.tandem.benchmarks.openloop;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;

/**
 * One open-loop HTTP run against one server: sends at a constant rate ({@link Schedule}), first for the warm-up, then
 * for the measured window, spread over a fixed pool of keep-alive connections as wrk2 spreads them (the pool a
 * client would hold). A send that finds every connection busy waits: its latency still counts from its due time.
 * Prints a progress line every 5 s. Then waits at most {@code drain} for the answers still due, and counts the ones
 * that never came as errors. A connection that has not connected within {@link #CONNECT_TIMEOUT} fails its request
 * as a {@code ConnectTimeoutException}, and the next request on it connects again.
 *
 * <p>Two threads, non-blocking sockets: the calling thread paces and writes each request when it falls due, one
 * platform thread ({@link EventLoop}) reads the answers and calls the {@link Judge} and the {@link Observer}. Built
 * for the least CPU per request that still speaks HTTP/1.1 correctly, so that the generator takes as little as it can
 * from the services it measures on the same cores. On the 2-core development VM a request costs mostly the two
 * wake-ups it needs (the pacing thread's at its due time, the loop's at its answer): {@code GeneratorProbe} (test
 * scope; a bare server in another process) measured the generator's process at about 90 µs of CPU per request at
 * 2,000/s, 50 µs at 5,000/s and 35–39 µs at 10,000/s (0.4 of a core), its threads asleep 1.3–2 times per request;
 * with the engine before it (a virtual thread per blocking connection: 3–5 sleeps per request) 140–170, 80–120 and
 * 68–80 µs.
 */
public final class LoadRun {

    /** The name of the generator's I/O thread, the event loop that connects, sends and reads the answers. */
    public static final String IO_THREAD = "load-loop";

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

    /** Judges an answer by its status and body, on the run's I/O thread: it must be quick. */
    @FunctionalInterface
    public interface Judge {

        Kind judge(int status, byte[] body);
    }

    /**
     * Sees how each measured send ended, as it ends: for a caller that splits the answers further than the
     * {@link Judge} does (by the kind of request sent, by status). Called on the run's I/O thread, one send after
     * another: it must be quick (every send waits for it). A send still waiting for a connection when the run ends is
     * never sent, and not observed.
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

    /** How long a connection may take to connect (as the generator before this one allowed). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final long PROGRESS_SECONDS = 5;

    private final InetSocketAddress server;
    private final Plan plan;
    private final LongFunction<byte[]> requests;
    private final Tally tally;

    private LoadRun(InetSocketAddress server, Plan plan, LongFunction<byte[]> requests, Judge judge,
            Observer observer) {
        this.server = server;
        this.plan = plan;
        this.requests = requests;
        this.tally = new Tally(plan, judge, observer);
    }

    /**
     * Runs the plan against {@code server}; {@code requests} makes send {@code i}'s request bytes (as it goes out: on
     * the pacing thread, or on the I/O thread for a send that waited for a connection; it must be quick and
     * thread-safe), {@code progress} gets the progress lines.
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
        long total = plan.warmUpSends() + plan.measuredSends();
        Schedule schedule = Schedule.startingIn(Duration.ofMillis(20), plan.ratePerSecond());
        var loop = new EventLoop(server, plan.connections(), schedule, total, requests, tally, noAnswer());
        Thread io = Thread.ofPlatform().name(IO_THREAD).daemon().start(loop);
        var printer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        printer.scheduleAtFixedRate(() -> progress.accept(progressLine(schedule, total, loop)), PROGRESS_SECONDS,
                PROGRESS_SECONDS, TimeUnit.SECONDS);
        try {
            // sends the loop made (it sends when it wakes for an answer and finds a send due) need no wake-up here
            for (long i = 0; i < total && loop.healthy(); i = Math.max(i + 1, loop.made())) {
                schedule.awaitDue(i);
                loop.sendDue();
            }
            long deadline = System.nanoTime() + plan.drain().toNanos();
            while (tally.done() < total && loop.healthy() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            printer.shutdownNow();
            loop.stop();
            io.join();
        }
        Exception failure = loop.failure();
        if (failure != null) {
            throw new IllegalStateException("the load generator's event loop failed", failure);
        }
        return tally.result(schedule, noAnswer(), loop.opened());
    }

    private String progressLine(Schedule schedule, long total, EventLoop loop) {
        long now = System.nanoTime();
        long due = Math.min(total, schedule.dueBy(now));
        String phase = due <= plan.warmUpSends() ? "warm-up" : due < total ? "measured" : "draining";
        Histogram last = tally.interval();
        return String.format(Locale.ROOT, "    %3d s %-8s due %,d, sent %,d, answered %,d, failed %,d, queued %,d;"
                + " last %d s: %,.0f/s, p99 %.2f ms", TimeUnit.NANOSECONDS.toSeconds(now - schedule.startNanos()),
                phase, due, tally.sent(), tally.accepted(), tally.failed(), Math.max(0, due - loop.made()),
                PROGRESS_SECONDS, last.getTotalCount() / (double) PROGRESS_SECONDS,
                last.getValueAtPercentile(99) / 1000.0);
    }

    private String noAnswer() {
        return "no answer within " + plan.drain().toSeconds() + " s of the last send";
    }
}
