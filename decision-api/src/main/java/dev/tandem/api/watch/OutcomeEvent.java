package dev.tandem.api.watch;

import dev.tandem.schemas.event.OutcomeStatus;

/**
 * The events of an outcome's stream: its first answer, each change while it may still change, and the last.
 * An outcome is <em>settled</em> when nothing can change it any more: FINAL; or TIMED_OUT or AMENDED with no enricher
 * pending, or in a flow that does not amend after a timeout. A TIMED_OUT outcome of a flow that amends, still
 * waiting for an enricher, is not settled: a late result may yet escalate it (AMENDED).
 */
public enum OutcomeEvent {

    /** Version 1: the synchronous answer. */
    PROVISIONAL("provisional"),
    /** A change while the outcome may still change: a merge of enrichment, a timeout that may yet be amended. */
    ENRICHED("enriched"),
    /** The settled outcome: the stream ends with it. */
    FINAL("final");

    private final String eventName;

    OutcomeEvent(String eventName) {
        this.eventName = eventName;
    }

    /** The SSE {@code event:} name. */
    public String eventName() {
        return eventName;
    }

    /**
     * @param nothingPending whether every required enricher's result is in
     * @param flowAmends whether the outcome's flow amends timed-out outcomes with late results
     */
    public static OutcomeEvent of(OutcomeStatus status, boolean nothingPending, boolean flowAmends) {
        return switch (status) {
            case PROVISIONAL -> PROVISIONAL;
            case ENRICHING -> ENRICHED;
            case FINAL -> FINAL;
            case TIMED_OUT, AMENDED -> nothingPending || !flowAmends ? FINAL : ENRICHED;
        };
    }
}
