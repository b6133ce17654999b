package dev.tandem.core.model;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link TensorScratch}es of one model kept between calls: a few slots, taken and given back with
 * a compare-and-set, so a call neither locks nor allocates. A pool rather than a {@code ThreadLocal}
 * because decision-api runs requests on virtual threads, each of which would get (and drop) its own
 * native buffers. When every slot is taken, a call gets a fresh scratch and the pool closes it
 * afterwards if no slot is free by then.
 *
 * <p>Batches of more than {@code maxPooledRows} rows get a scratch of their own, closed after the call,
 * so one huge batch does not keep its buffers for ever. Thread-safe.
 */
final class ScratchPool implements AutoCloseable {

    private static final int MIN_ROWS = 8;

    private final AtomicReferenceArray<TensorScratch> slots;
    private final int maxPooledRows;
    private final int features;
    private final String inputName;
    private final String outputName;
    private volatile boolean closed;

    ScratchPool(int slots, int maxPooledRows, int features, String inputName, String outputName) {
        this.slots = new AtomicReferenceArray<>(slots);
        this.maxPooledRows = maxPooledRows;
        this.features = features;
        this.inputName = inputName;
        this.outputName = outputName;
    }

    /** A scratch with room for {@code rows} rows, for the caller alone until {@link #release}. */
    TensorScratch acquire(int rows) {
        if (rows <= maxPooledRows) {
            for (int i = 0; i < slots.length(); i++) {
                TensorScratch scratch = slots.get(i);
                if (scratch != null && slots.compareAndSet(i, scratch, null)) {
                    if (scratch.capacity() >= rows) {
                        return scratch;
                    }
                    // too small: replaced by a bigger one, which goes back to the pool after the call
                    scratch.close();
                    break;
                }
            }
        }
        int capacity = rows > maxPooledRows ? rows : Math.max(MIN_ROWS, Integer.highestOneBit(rows - 1) << 1);
        return new TensorScratch(capacity, features, inputName, outputName);
    }

    /** Gives a scratch back after a call; closes it when the pool is full, closed or it is oversized. */
    void release(TensorScratch scratch) {
        if (!closed && scratch.capacity() <= maxPooledRows) {
            for (int i = 0; i < slots.length(); i++) {
                if (slots.get(i) == null && slots.compareAndSet(i, null, scratch)) {
                    if (closed && slots.compareAndSet(i, scratch, null)) {
                        scratch.close(); // the pool closed meanwhile
                    }
                    return;
                }
            }
        }
        scratch.close();
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < slots.length(); i++) {
            TensorScratch scratch = slots.getAndSet(i, null);
            if (scratch != null) {
                scratch.close();
            }
        }
    }
}
