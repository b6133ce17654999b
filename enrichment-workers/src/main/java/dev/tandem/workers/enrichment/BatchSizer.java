package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adaptive batch size of one enricher, as Clipper sets it: grow by a fixed step while batches finish within
 * the latency objective, shrink by 10 % as soon as one does not, within {@code [min, max]}. It starts at the
 * minimum (latency first) and grows only on evidence: a batch that was not full says nothing about a bigger one.
 * Thread-safe; consumer threads of the same enricher share one.
 *
 * <p>Public so that the enricher benchmark ({@code ./tandem bench enrichers}) drives batches with this very policy;
 * inside the service only the listener containers use it.
 */
public final class BatchSizer {

    static final int STEP = 2;
    static final double DECREASE = 0.9;

    private final int min;
    private final int max;
    private final long objectiveNanos;
    private final AtomicInteger size;

    /**
     * @param min the smallest size, and the first
     * @param max the largest size
     * @param objective what one batch may take
     * @throws IllegalArgumentException unless {@code 1 <= min <= max}
     */
    public BatchSizer(int min, int max, Duration objective) {
        if (min < 1 || min > max) {
            throw new IllegalArgumentException("batch bounds must satisfy 1 <= min <= max, were " + min + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.objectiveNanos = objective.toNanos();
        this.size = new AtomicInteger(min);
    }

    /** The batch size to use next. */
    public int size() {
        return size.get();
    }

    /** A batch of {@code batchSize} requests took {@code nanos}. */
    public void observe(int batchSize, long nanos) {
        if (nanos > objectiveNanos) {
            size.updateAndGet(s -> Math.max(min, Math.min(s - 1, (int) (s * DECREASE))));
        } else if (batchSize >= size.get()) {
            size.updateAndGet(s -> Math.min(max, s + STEP));
        }
    }
}
