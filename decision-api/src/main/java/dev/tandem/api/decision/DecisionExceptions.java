package dev.tandem.api.decision;

import java.util.List;
import java.util.Set;

import dev.tandem.core.flow.AttributeViolation;

/** What the decision service refuses with; each maps to one problem type. */
final class DecisionExceptions {

    private DecisionExceptions() {
    }

    /** The request names fields that are missing or wrong. Not retryable as is. */
    static final class InvalidRequest extends RuntimeException {
        final List<AttributeViolation> violations;

        InvalidRequest(List<AttributeViolation> violations) {
            super(violations.size() + " invalid field(s): " + violations);
            this.violations = List.copyOf(violations);
        }
    }

    /** The request names a flow that is not configured. Not retryable as is. */
    static final class UnknownFlow extends RuntimeException {
        final String flow;
        final Set<String> known;

        UnknownFlow(String flow, Set<String> known) {
            super("unknown flow '" + flow + "'; known flows: " + known);
            this.flow = flow;
            this.known = known;
        }
    }

    /** No decision with that id. */
    static final class NotFound extends RuntimeException {
        NotFound(String decisionId) {
            super("no decision with id " + decisionId);
        }
    }

    /** The outcome store did not answer in time or failed. Retryable. */
    static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable(Throwable cause) {
            super("The outcome store did not answer in time; retry shortly", cause);
        }
    }
}
