package dev.tandem.blender.merge;

import dev.tandem.core.outcome.Outcome;

/** Announces a stored outcome's new version. Returns once the announcement is durable. */
public interface OutcomePublisher {

    /** @throws dev.tandem.core.failure.DependencyException when the announcement could not be made durable */
    void publish(Outcome outcome);
}
