package dev.tandem.blender.merge;

/** Why a result could not be merged; the type says whether retrying can help. */
final class MergeExceptions {

    private MergeExceptions() {
    }

    /** The outcome is not (yet) in the store. Retryable: its write may still be on the way. */
    static final class OutcomeMissing extends RuntimeException {
        OutcomeMissing(String decisionId) {
            super("no stored outcome for decision " + decisionId);
        }
    }

    /** Other writers kept changing the outcome. Retryable. */
    static final class TooManyConflicts extends RuntimeException {
        TooManyConflicts(String decisionId, int attempts) {
            super("outcome " + decisionId + " changed under " + attempts + " merge attempts");
        }
    }

    /** The result names a flow this blender does not know. Not retryable: it goes to the dead letters. */
    static final class UnknownFlow extends IllegalArgumentException {
        UnknownFlow(String flow) {
            super("unknown flow '" + flow + "'");
        }
    }
}
