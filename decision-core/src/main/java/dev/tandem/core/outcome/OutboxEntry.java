package dev.tandem.core.outcome;

import dev.tandem.schemas.event.Priority;

/**
 * The event that announces a new decision to the asynchronous half, kept with its outcome until it is known to be
 * in the decision log (an outbox entry): the lane it goes to and the event as published, encoded.
 *
 * @param tenant the decision's tenant
 * @param decisionId the decision
 * @param priority the decision's lane
 * @param event the encoded event (Base64 of the bytes published)
 */
public record OutboxEntry(String tenant, String decisionId, Priority priority, String event) {

    /** The entry as one field value: {@code <priority>|<event>}. */
    public String toField() {
        return priority.name() + '|' + event;
    }

    /** Reads {@link #toField()}. */
    public static OutboxEntry ofField(String tenant, String decisionId, String field) {
        int bar = field.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not an outbox entry of " + decisionId + ": " + field);
        }
        return new OutboxEntry(tenant, decisionId, Priority.valueOf(field.substring(0, bar)),
                field.substring(bar + 1));
    }
}
