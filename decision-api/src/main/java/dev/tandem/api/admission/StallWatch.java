package dev.tandem.api.admission;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees the JVM stand still for its garbage collector. A thread asks to sleep {@link #TICK} and measures how much
 * later it woke, as jHiccup does; the collectors that stop the threads say how long they paused meanwhile
 * ({@code getCollectionTime}). A stall is the shorter of the two, when it is {@code threshold} or longer: a late wake
 * with no such pause is the scheduler's delay, which an overload makes too, and a short pause inside a long delay is
 * no longer than the pause. Its burst is taken to last {@link #DRAIN} times the stall after it, the time to answer
 * what arrived meanwhile while the rest keeps coming; and from the pause's end until this thread wakes (the burst's request threads may get the cores first),
 * at most {@link #OVERDUE_CAP} (ADR 0038). Each stall is timed in {@value MetricNames#ADMISSION_STALLS}. One platform
 * thread, a thousand wake-ups a second.
 */
final class StallWatch implements Stalls, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);
    static final Duration TICK = Duration.ofMillis(1);
    /** A watch overdue longer than this is not read as a pause's end (it may have stopped). */
    static final Duration OVERDUE_CAP = Duration.ofSeconds(1);
    /**
     * A burst lasts this many times its stall after it: a service busy a fraction u of the time answers a pile of
     * decisions in u / (1 - u) times as long as it took to arrive, 9 times at 90 %.
     */
    static final int DRAIN = 10;

    private final long tick = TICK.toNanos();
    private final long overdueCap = OVERDUE_CAP.toNanos();
    private final long threshold;
    private final LongSupplier pausedMillis;
    private final Timer stalls;
    private volatile long endedAt;
    private volatile long burstUntil;
    private volatile long stall;
    private volatile long lastAwake;
    private volatile long pausedSeen;
    private volatile boolean running = true;
    private final Thread thread;

    private StallWatch(Duration threshold, LongSupplier pausedMillis, MeterRegistry meters, long now,
            boolean watch) {
        this.threshold = threshold.toNanos();
        this.pausedMillis = pausedMillis;
        this.pausedSeen = pausedMillis.getAsLong();
        this.stalls = Timer.builder(MetricNames.ADMISSION_STALLS)
                .description("how long the JVM stood still for its garbage collector, each stall decision-api's"
                        + " stall watch saw: what arrived meanwhile is admitted as a burst, past the concurrency limit")
                .register(meters);
        this.endedAt = now;
        this.burstUntil = now;
        this.lastAwake = now;
        this.thread = watch ? Thread.ofPlatform().name("stall-watch").daemon().unstarted(this::watch) : null;
    }

    /** A watch of this JVM's collectors' pauses, on its own thread, started. */
    static StallWatch started(Duration threshold, MeterRegistry meters) {
        var watch = new StallWatch(threshold, collectorPauses(), meters, System.nanoTime(), true);
        watch.thread.start();
        return watch;
    }

    /**
     * A watch told of its ticks by the caller ({@link #woke}), as if created at {@code now}.
     *
     * @param pausedMillis how long the collectors have paused the threads so far, in milliseconds
     */
    static StallWatch manual(Duration threshold, LongSupplier pausedMillis, MeterRegistry meters, long now) {
        return new StallWatch(threshold, pausedMillis, meters, now, false);
    }

    /**
     * How long this JVM's collectors have paused the threads so far, in milliseconds: every collector's time but the
     * concurrent cycles' ({@code ZGC Minor Cycles}, {@code ZGC Major Cycles}, {@code Shenandoah Cycles}), which stop
     * no thread. {@code G1 Concurrent GC} counts G1's remark and cleanup pauses, so it is kept.
     */
    static LongSupplier collectorPauses() {
        List<GarbageCollectorMXBean> pausing = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(StallWatch::stopsTheThreads).toList();
        return () -> {
            long millis = 0;
            for (GarbageCollectorMXBean collector : pausing) {
                millis += Math.max(0, collector.getCollectionTime());
            }
            return millis;
        };
    }

    static boolean stopsTheThreads(GarbageCollectorMXBean collector) {
        return !collector.getName().endsWith("Cycles");
    }

    private void watch() {
        long asleep = System.nanoTime();
        while (running) {
            try {
                LockSupport.parkNanos(tick);
                long awake = System.nanoTime();
                woke(asleep, awake);
                asleep = awake;
            }
            catch (RuntimeException ex) { // never seen; without the watch, admission is the limit's alone
                log.warn("stall watch: a tick failed", ex);
                asleep = System.nanoTime();
            }
        }
        log.debug("stall watch stopped");
    }

    /** One tick: asleep at {@code asleep} for {@link #TICK}, awake at {@code awake}. */
    void woke(long asleep, long awake) {
        long late = awake - asleep - tick;
        long paused = pausedMillis.getAsLong();
        long stalled = Math.min(late, TimeUnit.MILLISECONDS.toNanos(paused - pausedSeen));
        if (stalled >= threshold) {
            endedAt = awake;
            stall = stalled;
            burstUntil = awake + DRAIN * stalled;
            stalls.record(stalled, TimeUnit.NANOSECONDS);
        }
        lastAwake = awake;
        pausedSeen = paused;
    }

    @Override
    public long burst(long now) {
        if (!running) {
            return 0;
        }
        if (now - burstUntil < 0) {
            return stall;
        }
        long overdue = now - lastAwake - tick;
        if (overdue >= threshold && overdue < overdueCap) {
            long paused = TimeUnit.MILLISECONDS.toNanos(pausedMillis.getAsLong() - pausedSeen);
            long stalled = Math.min(overdue, paused);
            return stalled >= threshold ? stalled : 0;
        }
        return 0;
    }

    @Override
    public boolean endedSince(long since) {
        return endedAt - since > 0;
    }

    /** Whether the watch's thread runs (false once closed, and for a manual watch). */
    boolean watching() {
        return thread != null && thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
