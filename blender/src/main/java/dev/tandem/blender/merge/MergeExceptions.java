package dev.tandem.blender.merge;

import dev.tandem.core.failure.UnprocessableException;

/** Why a result could not be merged; the type says whether retrying can help. */
final class MergeExceptions {

    private MergeExceptions() {
    }

    /**
     * The outcome is not in the store. Not retryable: {@code DecisionMade}, and so every result, is
     * published only after its outcome is stored, so a missing outcome expired or was lost.
     */
    static final class OutcomeMissing extends UnprocessableException {
        OutcomeMissing(String decisionId) {
            super("no stored outcome for decision " + decisionId + " (expired or lost)");
        }
    }

    /** Other writers kept changing the outcome. Retryable. */
    static final class TooManyConflicts extends RuntimeException {
        TooManyConflicts(String decisionId, int attempts) {
            super("outcome " + decisionId + " changed under " + attempts + " merge attempts");
        }
    }

    /** The result names a flow this blender does not know. Not retryable: it goes to the dead letters. */
    static final class UnknownFlow extends UnprocessableException {
        UnknownFlow(String flow) {
            super("unknown flow '" + flow + "'");
        }
    }
}
