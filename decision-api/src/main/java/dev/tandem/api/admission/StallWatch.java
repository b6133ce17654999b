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
 * Sees the JVM's stalls the way jHiccup does: a thread that asks to sleep {@link #TICK} and measures how much later
 * it woke. Woken {@code threshold} or more late, and with a pause of the garbage collector counted meanwhile, the JVM
 * stood still that long; the burst is taken to last twice as long again, the time to answer what arrived meanwhile.
 * Woken late without a pause is the scheduler's delay, which overload makes too: not a stall (ADR 0038). The
 * collector's count is read when the thread wakes, as the pause ends, so the burst is known before it is read off the
 * sockets. Each stall is timed in {@value MetricNames#ADMISSION_STALLS}. One platform thread, a thousand wake-ups a
 * second.
 */
final class StallWatch implements Stalls, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);
    static final Duration TICK = Duration.ofMillis(1);

    private final long tick = TICK.toNanos();
    private final long threshold;
    private final LongSupplier pauses;
    private volatile long pausesSeen;
    private volatile long lastAwake;
    private final Timer stalls;
    private volatile long endedAt;
    private volatile long recoveringUntil;
    private volatile boolean running = true;
    private final Thread thread;

    private StallWatch(Duration threshold, LongSupplier pauses, MeterRegistry meters, long now, boolean watch) {
        this.threshold = threshold.toNanos();
        this.pauses = pauses;
        this.pausesSeen = pauses.getAsLong();
        this.stalls = Timer.builder(MetricNames.ADMISSION_STALLS)
                .description("how long the JVM stood still for its garbage collector (decision-api's stall watch woke"
                        + " this much late): what arrived meanwhile is admitted as a burst, past the concurrency limit")
                .register(meters);
        this.endedAt = now;
        this.recoveringUntil = now;
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
     * @param pauses the collector's pauses so far
     */
    static StallWatch manual(Duration threshold, LongSupplier pauses, MeterRegistry meters, long now) {
        return new StallWatch(threshold, pauses, meters, now, false);
    }

    /**
     * The pauses of this JVM's collectors so far: every collector's count but those of concurrent cycles ({@code G1
     * Concurrent GC}, {@code ZGC Major Cycles}, {@code Shenandoah Cycles}), which stop no thread.
     */
    static LongSupplier collectorPauses() {
        List<GarbageCollectorMXBean> pausing = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(collector -> !collector.getName().contains("Concurrent")
                        && !collector.getName().endsWith("Cycles"))
                .toList();
        return () -> {
            long count = 0;
            for (GarbageCollectorMXBean collector : pausing) {
                count += Math.max(0, collector.getCollectionCount());
            }
            return count;
        };
    }

    private void watch() {
        long asleep = System.nanoTime();
        while (running) {
            LockSupport.parkNanos(tick);
            long awake = System.nanoTime();
            woke(asleep, awake);
            asleep = awake;
        }
        log.debug("stall watch stopped");
    }

    /** One tick: asleep at {@code asleep} for {@link #TICK}, awake at {@code awake}. */
    void woke(long asleep, long awake) {
        long stall = awake - asleep - tick;
        long paused = pauses.getAsLong();
        boolean collected = paused != pausesSeen;
        pausesSeen = paused;
        lastAwake = awake;
        if (stall >= threshold && collected) {
            endedAt = awake;
            recoveringUntil = awake + 2 * stall;
            stalls.record(stall, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Also while this watch is {@code threshold} overdue and the collector has paused since it last woke: the pause
     * has just ended, and this watch's thread is not yet running again (the burst's decisions are, on the cores).
     */
    @Override
    public boolean recovering(long now) {
        return now - recoveringUntil < 0
                || (now - lastAwake - tick >= threshold && pauses.getAsLong() != pausesSeen);
    }

    @Override
    public boolean endedSince(long since) {
        return endedAt - since > 0;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
