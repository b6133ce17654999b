package dev.tandem.blender.merge;

import dev.tandem.core.outcome.Outcome;

/**
 * Told when a merge has stored the version that makes an outcome final (FINAL from PROVISIONAL or
 * ENRICHING), so that whatever still waits for the outcome, such as its deadline, can let it go.
 * Owned here so that the merge does not depend on who listens.
 *
 * <p>Best effort: it is called once per outcome, after the final version is stored and before it is
 * announced, on the merging thread. A failure is logged by the caller and never fails the merge; an
 * implementation must tolerate a call for an outcome it does not know. Implementations are thread-safe.
 */
@FunctionalInterface
public interface OutcomeFinalisation {

    /** Does nothing: for a merge that nothing waits on (a rebuild, a test). */
    OutcomeFinalisation NONE = outcome -> { };

    /**
     * The outcome is final as of {@code outcome}, which is stored.
     *
     * @throws RuntimeException (such as {@link dev.tandem.core.failure.DependencyException}) when it fails;
     *         the merge goes on regardless
     */
    void finalised(Outcome outcome);
}
