package dev.tandem.blender.deadline;

import java.time.Instant;
import java.util.List;

/**
 * Outcomes waiting for their deadline. Thread-safe; every call is one or a few round trips and
 * throws {@link dev.tandem.core.failure.DependencyException} when the store fails.
 */
public interface DeadlineIndex {

    /** One outcome whose deadline is due. */
    record Due(String tenant, String decisionId) {
    }

    /** Remembers a deadline; adding the same decision again changes nothing. */
    void add(String tenant, String decisionId, Instant deadline);

    /** Up to {@code limit} outcomes whose deadline is at or before {@code now}, oldest first per part. */
    List<Due> due(Instant now, int limit);

    /** Forgets one outcome, once it is final or gone. */
    void remove(Due due);
}
