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
        public boolean recovering(long now) {
            return false;
        }

        @Override
        public boolean endedSince(long since) {
            return false;
        }
    };

    /** Whether, at {@code now}, the burst after a stall may still be in flight. */
    boolean recovering(long now);

    /** Whether a stall ended after {@code since}: a decision begun then was held by it. */
    boolean endedSince(long since);
}
