package dev.tandem.schemas;

/**
 * The Kafka topics of Tandem. Every record is keyed by its decision id, so all events of one
 * decision share a partition and keep their order.
 */
public final class Topics {

    /** {@code DecisionMade}: one record per provisional decision, written by decision-api. */
    public static final String DECISIONS = "tandem.decisions";

    /** {@code EnrichmentCompleted}: one record per decision and enricher, written by the workers. */
    public static final String ENRICHMENTS = "tandem.enrichments";

    /** {@code OutcomeUpdated}: every change of a stored outcome, compacted to the newest per decision. */
    public static final String OUTCOMES = "tandem.outcomes";

    /** Suffix of the dead-letter topic that belongs to each input topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic for records that could not be processed from {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
