package dev.tandem.api.decision;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutboxEntry;

/** Hands new decisions to the asynchronous half, through the decision log. */
interface DecisionPublisher {

    /** The event that announces {@code outcome}, encoded, to keep with it until it is published. */
    OutboxEntry announcement(Outcome outcome, Map<String, Object> attributes);

    /**
     * Publishes an announcement; completes when the decision log has it, exceptionally when it could not be
     * published (the failure is also counted and logged). Never blocks the caller.
     */
    CompletionStage<Void> publish(OutboxEntry announcement);
}
