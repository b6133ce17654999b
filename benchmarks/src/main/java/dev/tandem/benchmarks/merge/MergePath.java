package dev.tandem.benchmarks.merge;

import java.util.concurrent.CompletionStage;

/**
 * One way of writing a result to Redis, called with a growing call number. Implementations must be safe for
 * concurrent callers and must not block.
 */
interface MergePath {

    /** The name printed in the tables. */
    String name();

    /**
     * Writes the {@code call}-th result.
     *
     * @return completes when Redis answered; {@code true} when the write did what was meant (the merge was APPLIED)
     */
    CompletionStage<Boolean> write(long call);
}
