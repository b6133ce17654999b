package dev.tandem.api.admission;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import dev.tandem.schemas.event.Priority;

/**
 * Admits a decision while the decisions in flight are below its priority's ceiling: the adaptive limit for CRITICAL,
 * {@code standard-share} of it for STANDARD, {@code bulk-share} for BULK. So when load rises BULK is refused first,
 * then STANDARD, and the top of the limit stays for CRITICAL. Each admitted decision's latency is a sample for the
 * limit. Lock-free; thread-safe.
 *
 * <p>While the burst after a stall of the JVM lasts ({@link Stalls}), CRITICAL and STANDARD may go past their
 * ceiling by what arrived during the stall (the last second's arrival rate times the stall), up to the burst limit:
 * what a stall held comes in at once, and is not an overload (ADR 0038). BULK keeps its share. Decisions admitted
 * past the ceiling so, and decisions a stall held, are no samples for the limit: their latency is the stall's.
 */
final class PriorityAdmission {

    /**
     * An admitted decision; {@link #release} or {@link #ignore} it when it is answered. Only the first of these calls
     * counts, so a caller may ignore a permit in a {@code finally} whether or not it was released before.
     */
    interface Permit {

        /**
         * The decision was made: its latency is a sample for the limit.
         *
         * @param dropped whether the decision could not be made as asked (a dependency timed out)
         */
        void release(boolean dropped);

        /** The request did no work worth measuring (it was refused as invalid): no sample. */
        void ignore();
    }

    private final Limit limit;
    private final double standardShare;
    private final double bulkShare;
    private final Stalls stalls;
    private final int burstLimit;
    private final LongSupplier nanoTime;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Priority, LongAdder> afterStall = new EnumMap<>(Priority.class);
    private final ArrivalRate arrivals;

    /** Admission by the limit alone: no stall is seen. */
    PriorityAdmission(Limit limit, double standardShare, double bulkShare, LongSupplier nanoTime) {
        this(limit, standardShare, bulkShare, Stalls.NONE, 0, nanoTime);
    }

    /**
     * @param stalls when the JVM stood still
     * @param burstLimit the most decisions that may be in flight while a stall's burst lasts
     */
    PriorityAdmission(Limit limit, double standardShare, double bulkShare, Stalls stalls, int burstLimit,
            LongSupplier nanoTime) {
        this.limit = limit;
        this.standardShare = standardShare;
        this.bulkShare = bulkShare;
        this.stalls = stalls;
        this.burstLimit = burstLimit;
        this.nanoTime = nanoTime;
        this.arrivals = new ArrivalRate(nanoTime.getAsLong());
        for (Priority priority : Priority.values()) {
            afterStall.put(priority, new LongAdder());
        }
    }

    /**
     * A permit, or empty when {@code priority}'s share of the limit is in use (and of the burst limit, while a
     * stall's burst lasts).
     */
    Optional<Permit> admit(Priority priority) {
        long now = nanoTime.getAsLong();
        arrivals.arrived(now);
        int ceiling = ceiling(priority);
        int burstCeiling = -1; // asked for once, when first needed
        while (true) {
            int current = inFlight.get();
            boolean past = current >= ceiling;
            if (past) {
                if (burstCeiling < 0) {
                    burstCeiling = burstCeiling(priority, ceiling, now);
                }
                if (current >= burstCeiling) {
                    return Optional.empty();
                }
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                if (past) {
                    afterStall.get(priority).increment();
                }
                return Optional.of(permit(current + 1, past));
            }
        }
    }

    /** The ceiling past {@code ceiling} in a stall's burst: what arrived during the stall more; 0 when none. */
    private int burstCeiling(Priority priority, int ceiling, long now) {
        long stall = priority == Priority.BULK ? 0 : stalls.burst(now);
        if (stall <= 0) {
            return 0;
        }
        long held = (long) Math.ceil(arrivals.perNanosecond() * stall);
        return (int) Math.min(burstLimit, ceiling + held);
    }

    /** A permit for the {@code atStart}-th decision in flight; {@code pastCeiling} when admitted in a burst. */
    private Permit permit(int atStart, boolean pastCeiling) {
        long start = nanoTime.getAsLong();
        var answered = new AtomicBoolean();
        return new Permit() {
            @Override
            public void release(boolean dropped) {
                if (answered.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                    if (!pastCeiling && !stalls.endedSince(start)) {
                        limit.onSample(start, nanoTime.getAsLong() - start, atStart, dropped);
                    }
                }
            }

            @Override
            public void ignore() {
                if (answered.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            }
        };
    }

    /** How many decisions of {@code priority} may be in flight, counting all priorities. */
    int ceiling(Priority priority) {
        return share(limit.getLimit(), priority);
    }

    private int share(int all, Priority priority) {
        return switch (priority) {
            case CRITICAL -> all;
            case STANDARD -> Math.max(1, (int) Math.ceil(all * standardShare));
            case BULK -> Math.max(1, (int) Math.ceil(all * bulkShare));
        };
    }

    /**
     * Decisions asked for, over the last whole second: {@link #perNanosecond()} is the previous second's rate. Counted
     * on every admission; the second rolls over on the first admission after it ends, by one thread.
     */
    private static final class ArrivalRate {
        private static final long SECOND = 1_000_000_000L;
        private final LongAdder count = new LongAdder();
        private final AtomicBoolean rolling = new AtomicBoolean();
        private volatile long since;
        private volatile double perNanosecond;

        ArrivalRate(long now) {
            this.since = now;
        }

        void arrived(long now) {
            count.increment();
            long elapsed = now - since;
            if (elapsed >= SECOND && rolling.compareAndSet(false, true)) {
                try {
                    perNanosecond = (double) count.sumThenReset() / elapsed;
                    since = now;
                }
                finally {
                    rolling.set(false);
                }
            }
        }

        double perNanosecond() {
            return perNanosecond;
        }
    }

    /** Decisions of {@code priority} admitted past its ceiling in a stall's burst, so far. */
    long afterStall(Priority priority) {
        return afterStall.get(priority).sum();
    }

    int limit() {
        return limit.getLimit();
    }

    int inFlight() {
        return inFlight.get();
    }
}
