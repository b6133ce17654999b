package dev.tandem.blender.merge;

import dev.tandem.core.outcome.Outcome;

/** What merging one enrichment result into an outcome comes to. */
sealed interface MergeDecision {

    /** Store {@code next}, one version above the current outcome. */
    record Apply(Outcome next) implements MergeDecision {
    }

    /** This enricher's result is already in the outcome; nothing changes. */
    record Duplicate(Outcome current) implements MergeDecision {
    }

    /**
     * The outcome had timed out and the flow allows amendments: store {@code next}, AMENDED one
     * version up. The result is late all the same.
     */
    record Amend(Outcome next) implements MergeDecision {
    }

    /** The outcome is already final; the result is counted as late and changes nothing. */
    record Late(Outcome current) implements MergeDecision {
    }

    /** The flow does not wait for this enricher; the result changes nothing. */
    record NotRequired(Outcome current) implements MergeDecision {
    }
}
