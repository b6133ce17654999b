package dev.tandem.api.admission;

/**
 * Whether the JVM stood still a moment ago, for its garbage collector. The decisions that arrived meanwhile come in
 * at once when it ends, a burst the concurrency limit would read as overload (ADR 0038). Times are
 * {@link System#nanoTime()}'s.
 */
interface Stalls {

    /** No stall is ever seen: the limit alone decides. */
    Stalls NONE = new Stalls() {
        @Override
        public long burst(long now) {
            return 0;
        }

        @Override
        public boolean endedSince(long since) {
            return false;
        }
    };

    /** How long the stall was whose burst may still be coming in at {@code now}, in nanoseconds; 0 for none. */
    long burst(long now);

    /** Whether a stall ended after {@code since}: a decision begun then was held by it. */
    boolean endedSince(long since);
}
