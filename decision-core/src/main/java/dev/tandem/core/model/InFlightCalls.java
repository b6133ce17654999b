package dev.tandem.core.model;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls in progress on something that holds native memory, and its freeing once it is closed
 * and the last of them has returned. One atomic integer: the count of calls, with its sign bit set
 * once closed; entering and leaving a call is a compare-and-set and a decrement, no lock. After
 * {@link #close} no call enters, so the count only falls, and {@code free} runs exactly once, on the
 * thread that closes (when nothing runs) or on the one whose call ends last. Thread-safe.
 */
final class InFlightCalls {

    private static final int CLOSED = Integer.MIN_VALUE;

    private final AtomicInteger state = new AtomicInteger();
    private final Runnable free;

    InFlightCalls(Runnable free) {
        this.free = free;
    }

    /** Counts a call in; false, and nothing counted, once closed. A true must be followed by {@link #exit}. */
    boolean tryEnter() {
        for (int n = state.get(); n >= 0; n = state.get()) {
            if (state.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Counts a call out; frees when it was the last one after a close. */
    void exit() {
        if (state.decrementAndGet() == CLOSED) {
            free.run();
        }
    }

    /** Lets no more calls in; frees now if none is in progress, else when the last returns. Idempotent. */
    void close() {
        int before = state.getAndUpdate(n -> n | CLOSED);
        if (before == 0) {
            free.run();
        }
    }

    /** Whether it is closed with no call left in progress: freed, or being freed by the last caller. */
    boolean isDrained() {
        return state.get() == CLOSED;
    }
}
