package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Whether one enricher's BULK lane may take work (ADR 0037): not while its urgent lane (CRITICAL and STANDARD
 * decisions) is behind, nor for a grace period after. The urgent lane is behind when a poll's oldest record waited
 * {@code yieldAfter} or longer to be taken: its decisions queue. Traffic the urgent lane keeps up with leaves BULK the
 * enricher's spare capacity; under load BULK is what waits, and when the load passes, BULK resumes. Thread-safe.
 */
final class LaneGate {

    private final AtomicInteger behindInFlight = new AtomicInteger();
    private final long yieldAfterNanos;
    private final long graceNanos;
    private final LongSupplier nanoTime;
    private volatile long lastBehind;

    /**
     * @param yieldAfter how long the urgent lane's oldest record of a poll may have waited before BULK yields to it;
     *        zero yields whenever the urgent lane works
     * @param grace how long BULK stays paused after the urgent lane was last behind
     */
    LaneGate(Duration yieldAfter, Duration grace, LongSupplier nanoTime) {
        this.yieldAfterNanos = yieldAfter.toNanos();
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
        this.lastBehind = nanoTime.getAsLong() - graceNanos;
    }

    /**
     * The urgent lane took a poll whose oldest record waited {@code waited} since it was published.
     *
     * @return whether that poll is behind: pass it to {@link #urgentFinished} when the poll's work is done
     */
    boolean urgentStarted(Duration waited) {
        if (waited.toNanos() < yieldAfterNanos) {
            return false;
        }
        lastBehind = nanoTime.getAsLong();
        behindInFlight.incrementAndGet();
        return true;
    }

    /** The urgent lane finished a poll's work; {@code behind} is what {@link #urgentStarted} said of it. */
    void urgentFinished(boolean behind) {
        if (behind) {
            lastBehind = nanoTime.getAsLong();
            behindInFlight.decrementAndGet();
        }
    }

    /** Whether the BULK lane may run now. */
    boolean bulkMayRun() {
        return behindInFlight.get() == 0 && nanoTime.getAsLong() - lastBehind >= graceNanos;
    }
}
