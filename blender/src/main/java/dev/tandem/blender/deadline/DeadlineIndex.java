package dev.tandem.blender.deadline;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Outcomes waiting for their deadline. Thread-safe; every call is one or a few round trips and
 * throws {@link dev.tandem.core.failure.DependencyException} when the store fails ({@link #add} fails its stage).
 */
public interface DeadlineIndex {

    /** One outcome whose deadline is due. */
    record Due(String tenant, String decisionId) {
    }

    /**
     * Remembers a deadline; adding the same decision again changes nothing. Sent at once, not waited for: the stage
     * completes once it is stored, so a caller can send more on the same connection first.
     */
    CompletionStage<?> add(String tenant, String decisionId, Instant deadline);

    /** Up to {@code limit} outcomes whose deadline is at or before {@code now}, oldest first per part. */
    List<Due> due(Instant now, int limit);

    /** Forgets one outcome, once it is final or gone. */
    void remove(Due due);
}
