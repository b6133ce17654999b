package dev.tandem.api.watch;

import dev.tandem.schemas.event.OutcomeStatus;

/** The events of an outcome's stream: its first answer, each merge of enrichment, and the last. */
public enum OutcomeEvent {

    /** Version 1: the synchronous answer. */
    PROVISIONAL("provisional"),
    /** A merge of enrichment results; more are expected. */
    ENRICHED("enriched"),
    /** FINAL, TIMED_OUT or AMENDED: the stream ends with it. */
    FINAL("final");

    private final String eventName;

    OutcomeEvent(String eventName) {
        this.eventName = eventName;
    }

    /** The SSE {@code event:} name. */
    public String eventName() {
        return eventName;
    }

    public static OutcomeEvent of(OutcomeStatus status) {
        return switch (status) {
            case PROVISIONAL -> PROVISIONAL;
            case ENRICHING -> ENRICHED;
            case FINAL, TIMED_OUT, AMENDED -> FINAL;
        };
    }
}
