package dev.tandem.api.admission;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import dev.tandem.schemas.event.Priority;

/**
 * Admits a decision while the decisions in flight are below its priority's ceiling: the adaptive limit for CRITICAL,
 * {@code standard-share} of it for STANDARD, {@code bulk-share} for BULK. So when load rises BULK is refused first,
 * then STANDARD, and the top of the limit stays for CRITICAL. Each admitted decision's latency is a sample for the
 * limit. Lock-free; thread-safe.
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
    private final AtomicInteger inFlight = new AtomicInteger();

    PriorityAdmission(Limit limit, double standardShare, double bulkShare, LongSupplier nanoTime) {
        this.limit = limit;
        this.standardShare = standardShare;
        this.bulkShare = bulkShare;
        this.nanoTime = nanoTime;
    }

    /** A permit, or empty when {@code priority}'s share of the limit is in use. */
    Optional<Permit> admit(Priority priority) {
        int ceiling = ceiling(priority);
        while (true) {
            int current = inFlight.get();
            if (current >= ceiling) {
                return Optional.empty();
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                long start = nanoTime.getAsLong();
                int atStart = current + 1;
                var answered = new AtomicBoolean();
                return Optional.of(new Permit() {
                    @Override
                    public void release(boolean dropped) {
                        if (answered.compareAndSet(false, true)) {
                            inFlight.decrementAndGet();
                            limit.onSample(start, nanoTime.getAsLong() - start, atStart, dropped);
                        }
                    }

                    @Override
                    public void ignore() {
                        if (answered.compareAndSet(false, true)) {
                            inFlight.decrementAndGet();
                        }
                    }
                });
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
}
