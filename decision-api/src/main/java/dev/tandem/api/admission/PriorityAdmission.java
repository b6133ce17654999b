package dev.tandem.api.admission;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import dev.tandem.schemas.event.Priority;
import org.jspecify.annotations.Nullable;

/**
 * Admits a decision while the decisions in flight are below its priority's ceiling: the adaptive limit for CRITICAL,
 * {@code standard-share} of it for STANDARD, {@code bulk-share} for BULK. So when load rises BULK is refused first,
 * then STANDARD, and the top of the limit stays for CRITICAL. Each admitted decision's latency is a sample for the
 * limit.
 *
 * <p>A CRITICAL or STANDARD decision that finds its share in use waits up to {@code max-wait} for a permit before it is
 * refused (ADR 0031): at a rate the service sustains, the share is full only for the few milliseconds after a pause
 * (a collection, a descheduled carrier), when the adaptive limit has also shrunk, and refusing then turns a hiccup into
 * errors the caller retries a second later. BULK never waits: it is refused at once, first. The wait is the only part
 * that takes a lock, and only while somebody waits; admitting and releasing are lock-free otherwise. Thread-safe.
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
    private final LongSupplier nanoTime;
    private final long maxWaitNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<Priority, LongAdder> waitedAndAdmitted = adders();
    private final Map<Priority, LongAdder> waitedAndRefused = adders();

    /** Without waiting: a priority whose share is in use is refused at once. */
    PriorityAdmission(Limit limit, double standardShare, double bulkShare, LongSupplier nanoTime) {
        this(limit, standardShare, bulkShare, Duration.ZERO, nanoTime);
    }

    /**
     * @param maxWait how long a CRITICAL or STANDARD decision waits for a permit when its share is in use; the wait is
     *        timed by the system's clock, not {@code nanoTime}, which times the samples
     */
    PriorityAdmission(Limit limit, double standardShare, double bulkShare, Duration maxWait, LongSupplier nanoTime) {
        this.limit = limit;
        this.standardShare = standardShare;
        this.bulkShare = bulkShare;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * A permit, or empty when {@code priority}'s share of the limit is in use (for CRITICAL and STANDARD: still in use
     * after {@code max-wait}). May block the calling thread for up to {@code max-wait}.
     */
    Optional<Permit> admit(Priority priority) {
        Permit permit = tryAdmit(priority);
        if (permit != null) {
            return Optional.of(permit);
        }
        if (priority == Priority.BULK || maxWaitNanos <= 0) {
            return Optional.empty();
        }
        return waitFor(priority);
    }

    /** A permit now, or empty when {@code priority}'s share of the limit is in use; never waits. */
    Optional<Permit> admitNow(Priority priority) {
        return Optional.ofNullable(tryAdmit(priority));
    }

    private Optional<Permit> waitFor(Priority priority) {
        long deadline = System.nanoTime() + maxWaitNanos;
        // counted before the first try under the lock: a release that does not see this waiter happened before that
        // try, which then sees its free permit
        waiting.incrementAndGet();
        lock.lock();
        try {
            for (Permit permit = tryAdmit(priority); ; permit = tryAdmit(priority)) {
                if (permit != null) {
                    waitedAndAdmitted.get(priority).increment();
                    return Optional.of(permit);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    waitedAndRefused.get(priority).increment();
                    return Optional.empty();
                }
                released.awaitNanos(left);
            }
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            waitedAndRefused.get(priority).increment();
            return Optional.empty();
        }
        finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    private void freeOne() {
        inFlight.decrementAndGet();
        if (waiting.get() > 0) {
            lock.lock();
            try {
                // all of them: a STANDARD waiter cannot take a permit above its share, a CRITICAL one behind it could
                released.signalAll();
            }
            finally {
                lock.unlock();
            }
        }
    }

    private @Nullable Permit tryAdmit(Priority priority) {
        int ceiling = ceiling(priority);
        while (true) {
            int current = inFlight.get();
            if (current >= ceiling) {
                return null;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                long start = nanoTime.getAsLong();
                int atStart = current + 1;
                var answered = new AtomicBoolean();
                return new Permit() {
                    @Override
                    public void release(boolean dropped) {
                        if (answered.compareAndSet(false, true)) {
                            limit.onSample(start, nanoTime.getAsLong() - start, atStart, dropped);
                            freeOne();
                        }
                    }

                    @Override
                    public void ignore() {
                        if (answered.compareAndSet(false, true)) {
                            freeOne();
                        }
                    }
                };
            }
        }
    }

    /** How many decisions of {@code priority} may be in flight, counting all priorities. */
    int ceiling(Priority priority) {
        int all = limit.getLimit();
        return switch (priority) {
            case CRITICAL -> all;
            case STANDARD -> Math.max(1, (int) Math.ceil(all * standardShare));
            case BULK -> Math.max(1, (int) Math.ceil(all * bulkShare));
        };
    }

    int limit() {
        return limit.getLimit();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Callers waiting for a permit now. */
    int waiting() {
        return waiting.get();
    }

    /** Decisions of {@code priority} that waited for a permit and then got one ({@code admitted}) or not. */
    long waited(Priority priority, boolean admitted) {
        return (admitted ? waitedAndAdmitted : waitedAndRefused).get(priority).sum();
    }

    private static Map<Priority, LongAdder> adders() {
        var adders = new EnumMap<Priority, LongAdder>(Priority.class);
        for (Priority priority : Priority.values()) {
            adders.put(priority, new LongAdder());
        }
        return adders;
    }
}
