package dev.tandem.blender.merge;

import java.util.concurrent.CompletionStage;

import dev.tandem.core.outcome.Outcome;

/** Announces a stored outcome's new version. */
@FunctionalInterface
public interface OutcomePublisher {

    /**
     * Starts announcing {@code outcome} and returns without waiting.
     *
     * @return completes when the announcement is durable; exceptionally (within the publisher's own timeout) when
     *         it could not be made durable
     */
    CompletionStage<?> publish(Outcome outcome);
}
