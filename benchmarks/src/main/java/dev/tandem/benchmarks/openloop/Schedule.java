package dev.tandem.benchmarks.openloop;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * The constant arrival rate of an open-loop run, paced as wrk2 paces: send {@code i} is due at
 * {@code start + i / rate}, whatever happened to the sends before it. Latencies are measured from the due time, not
 * from when the send went out, so that a stall anywhere (a slow answer, a busy connection, a pause of the generator)
 * counts against the measured system instead of quietly thinning the load: no coordinated omission. Due times are
 * computed from the start, not from the previous send, so lateness never accumulates into a lower rate.
 *
 * @param startNanos when send 0 is due, on {@link System#nanoTime()}'s clock
 * @param ratePerSecond sends per second
 */
public record Schedule(long startNanos, int ratePerSecond) {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** What a paced send does; it must not wait for the answer. */
    @FunctionalInterface
    public interface Send {

        void send(long i, long dueNanos);
    }

    public Schedule {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("the rate must be at least 1 per second, not " + ratePerSecond);
        }
    }

    /** A schedule whose first send is due {@code delay} from now. */
    public static Schedule startingIn(Duration delay, int ratePerSecond) {
        return new Schedule(System.nanoTime() + delay.toNanos(), ratePerSecond);
    }

    /** When send {@code i} (from 0) is due: exact in nanoseconds, without drift however long the run. */
    public long dueNanos(long i) {
        return startNanos + Math.multiplyExact(i, NANOS_PER_SECOND) / ratePerSecond;
    }

    /** How many sends are due at {@code nowNanos} (sends 0 to n − 1). */
    public long dueBy(long nowNanos) {
        return nowNanos < startNanos ? 0 : (nowNanos - startNanos) * ratePerSecond / NANOS_PER_SECOND + 1;
    }

    /**
     * Calls {@code send} for {@code i} = 0, 1, ... while {@code more} says so, each at its due time, on the calling
     * thread: it parks until a send is due (no spinning: on a small machine the spin would take the CPU from the
     * system measured), and a send already late goes at once, so a late generator catches up in a burst.
     *
     * @return how many sends were made
     */
    public long pace(LongPredicate more, Send send) {
        long i = 0;
        for (; more.test(i); i++) {
            awaitDue(i);
            send.send(i, dueNanos(i));
        }
        return i;
    }

    /** Parks the calling thread until send {@code i} is due (returns at once when it is). */
    void awaitDue(long i) {
        long due = dueNanos(i);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
