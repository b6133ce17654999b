package dev.tandem.schemas;

import java.util.List;

import dev.tandem.schemas.event.Priority;

/**
 * The Kafka topics of Tandem. Every record is keyed by its decision id, so all events of one
 * decision share a partition and keep their order.
 */
public final class Topics {

    /**
     * {@code DecisionMade}: one record per provisional decision, written by decision-api; the lane of CRITICAL and
     * STANDARD decisions.
     */
    public static final String DECISIONS = "tandem.decisions";

    /**
     * {@code DecisionMade} of BULK decisions, a lane of their own: a backlog of bulk work never stands in front of a
     * critical decision in a partition, and workers pause this lane while the other one is busy.
     */
    public static final String DECISIONS_BULK = "tandem.decisions.bulk";

    /** Both decision lanes: whoever reads every decision (the blender, a rebuild) reads these. */
    public static final List<String> DECISION_LANES = List.of(DECISIONS, DECISIONS_BULK);

    /** {@code EnrichmentCompleted}: one record per decision and enricher, written by the workers. */
    public static final String ENRICHMENTS = "tandem.enrichments";

    /** {@code OutcomeUpdated}: every change of a stored outcome, compacted to the newest per decision. */
    public static final String OUTCOMES = "tandem.outcomes";

    /** Suffix of the dead-letter topic that belongs to each input topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The lane of a decision of {@code priority}. */
    public static String decisions(Priority priority) {
        return priority == Priority.BULK ? DECISIONS_BULK : DECISIONS;
    }

    /** The dead-letter topic for records that could not be processed from {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
