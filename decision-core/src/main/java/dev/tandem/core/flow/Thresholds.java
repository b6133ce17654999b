package dev.tandem.core.flow;

import dev.tandem.schemas.event.Verdict;

/**
 * Score cut-offs: at or above {@code decline} the answer is DECLINE, at or above {@code review} it
 * is REVIEW, below it APPROVE.
 */
public record Thresholds(double review, double decline) {

    public Thresholds {
        if (!(0 <= review && review <= decline && decline <= 1)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 <= review <= decline <= 1, got review=" + review + " decline=" + decline);
        }
    }

    /** The verdict a score in [0, 1] earns. */
    public Verdict verdictFor(double score) {
        if (score >= decline) {
            return Verdict.DECLINE;
        }
        return score >= review ? Verdict.REVIEW : Verdict.APPROVE;
    }
}
