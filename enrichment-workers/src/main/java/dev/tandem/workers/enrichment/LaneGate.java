package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Whether one enricher's BULK lane may take work: only while its urgent lane (CRITICAL and STANDARD decisions) has
 * nothing in hand and has had nothing for a grace period. Under load the urgent lane is always busy, so BULK is
 * what waits; when the load passes, BULK resumes. Thread-safe.
 */
final class LaneGate {

    private final AtomicInteger urgentInFlight = new AtomicInteger();
    private final long graceNanos;
    private final LongSupplier nanoTime;
    private volatile long urgentLastBusy;

    LaneGate(Duration grace, LongSupplier nanoTime) {
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
        this.urgentLastBusy = nanoTime.getAsLong() - graceNanos;
    }

    /** The urgent lane took a poll's worth of work. */
    void urgentStarted() {
        urgentLastBusy = nanoTime.getAsLong();
        urgentInFlight.incrementAndGet();
    }

    /** The urgent lane finished that work. */
    void urgentFinished() {
        urgentLastBusy = nanoTime.getAsLong();
        urgentInFlight.decrementAndGet();
    }

    /** Whether the BULK lane may run now. */
    boolean bulkMayRun() {
        return urgentInFlight.get() == 0 && nanoTime.getAsLong() - urgentLastBusy >= graceNanos;
    }
}
