package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether one enricher's BULK lane may take work (ADR 0037): only while its urgent lane (CRITICAL and STANDARD
 * decisions) has room to spare. BULK waits while the urgent lane is behind (a poll took a record that had waited
 * {@code yieldAfter} or longer) and for a grace period after, and while the urgent lane worked more than {@code
 * maxBusyShare} of the last second (it had a poll in hand: close to what it can do, where BULK's work would make it
 * fall behind). Traffic the urgent lane keeps up with easily leaves BULK the enricher's spare capacity; under load BULK
 * is what waits, and when the load passes, BULK resumes. Thread-safe; called once per poll and per lane check.
 *
 * <p>"Busy" is the time in which any of the lane's consumer threads had a poll in hand, not their summed time: with
 * several threads it passes a share before each of them does, so BULK yields early rather than late (ADR 0037). The
 * last second's share is estimated from two one-second buckets, the previous one taken as evenly busy: within about
 * a quarter of the exact share when the lane's work comes in bursts, exact when it is steady. Before the first
 * second is over, the time before the gate existed counts as idle.
 */
final class LaneGate {

    /** The window over which the urgent lane's work is measured. */
    static final Duration BUSY_WINDOW = Duration.ofSeconds(1);

    private final long yieldAfterNanos;
    private final long graceNanos;
    private final double maxBusyShare;
    private final long windowNanos = BUSY_WINDOW.toNanos();
    private final LongSupplier nanoTime;
    // guarded by this
    private int inFlight;
    private int behindInFlight;
    private long lastBehind;
    private long busySince;
    private long windowStart;
    private long busyThisWindow;
    private long busyLastWindow;

    /**
     * @param yieldAfter how long the urgent lane's oldest record of a poll may have waited before BULK yields to it;
     *        zero yields whenever the urgent lane works
     * @param grace how long BULK stays paused after the urgent lane was last behind
     * @param maxBusyShare BULK waits while the urgent lane had a poll in hand for more than this share of the last
     *        {@link #BUSY_WINDOW}; 1 lets it run however busy the urgent lane is, while it is not behind
     */
    LaneGate(Duration yieldAfter, Duration grace, double maxBusyShare, LongSupplier nanoTime) {
        this.yieldAfterNanos = yieldAfter.toNanos();
        this.graceNanos = grace.toNanos();
        this.maxBusyShare = maxBusyShare;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.lastBehind = now - graceNanos;
        this.windowStart = now;
    }

    /**
     * The urgent lane took a poll whose oldest record waited {@code waited} since it was published.
     *
     * @return whether that poll is behind: pass it to {@link #urgentFinished} when the poll's work is done
     */
    synchronized boolean urgentStarted(Duration waited) {
        long now = nanoTime.getAsLong();
        roll(now);
        if (inFlight++ == 0) {
            busySince = now;
        }
        if (waited.toNanos() < yieldAfterNanos) {
            return false;
        }
        lastBehind = now;
        behindInFlight++;
        return true;
    }

    /** The urgent lane finished a poll's work; {@code behind} is what {@link #urgentStarted} said of it. */
    synchronized void urgentFinished(boolean behind) {
        long now = nanoTime.getAsLong();
        roll(now);
        if (--inFlight == 0) {
            busyThisWindow += now - busySince;
        }
        if (behind) {
            lastBehind = now;
            behindInFlight--;
        }
    }

    /** Whether the BULK lane may run now. */
    synchronized boolean bulkMayRun() {
        long now = nanoTime.getAsLong();
        roll(now);
        return behindInFlight == 0 && now - lastBehind >= graceNanos && busyShare(now) <= maxBusyShare;
    }

    /**
     * The share of the last {@link #BUSY_WINDOW} in which the urgent lane had a poll in hand, estimated: the bucket
     * before this one weighted by how much of it still lies within the last window's length (as if its busy time were
     * spread evenly over it), plus this one so far.
     */
    synchronized double busyShare() {
        long now = nanoTime.getAsLong();
        roll(now);
        return busyShare(now);
    }

    private double busyShare(long now) {
        long current = busyThisWindow + (inFlight > 0 ? now - busySince : 0);
        double elapsed = (now - windowStart) / (double) windowNanos;
        return Math.min(1, (busyLastWindow * (1 - elapsed) + current) / windowNanos);
    }

    /** Starts a new window when the current one is over; a poll still in hand counts in both. */
    private void roll(long now) {
        long elapsed = now - windowStart;
        if (elapsed < windowNanos) {
            return;
        }
        if (elapsed >= 2 * windowNanos) {
            // a whole window went by without a call: the lane worked throughout it, or not at all
            busyLastWindow = inFlight > 0 ? windowNanos : 0;
            windowStart = now - elapsed % windowNanos;
        } else {
            long end = windowStart + windowNanos;
            busyLastWindow = busyThisWindow + (inFlight > 0 ? end - busySince : 0);
            windowStart = end;
        }
        busyThisWindow = 0;
        if (inFlight > 0) {
            busySince = windowStart;
        }
    }
}
