package dev.tandem.blender.deadline;

import dev.tandem.blender.merge.OutcomeFinalisation;
import dev.tandem.core.outcome.Outcome;

/**
 * Forgets the deadline of an outcome a merge has made final, so that the index (and the
 * {@code tandem.outcome.in.flight} gauge over it) holds only outcomes still waiting. Should the
 * removal fail, the sweeper drops the entry at its deadline, finding the outcome final.
 */
final class DeadlineRelease implements OutcomeFinalisation {

    private final DeadlineIndex index;

    DeadlineRelease(DeadlineIndex index) {
        this.index = index;
    }

    @Override
    public void finalised(Outcome outcome) {
        index.remove(new DeadlineIndex.Due(outcome.tenant(), outcome.decisionId()));
    }
}
