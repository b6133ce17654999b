package dev.tandem.api.decision;

import java.util.Map;

import dev.tandem.core.outcome.Outcome;

/** Hands a new decision to the asynchronous half. Never blocks the caller. */
interface DecisionPublisher {

    /** Publishes the decision; failures are recorded by the implementation, never thrown. */
    void publish(Outcome outcome, Map<String, Object> attributes);
}
