package dev.tandem.api.watch;

import java.time.Instant;
import java.util.List;

import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.event.Verdict;

/**
 * A stored outcome changed to {@code version}: what the outcomes topic says of it, as a flow's event stream sends
 * it.
 */
public record OutcomeChange(String decisionId, String tenant, String flow, String entityId, OutcomeStatus status,
        long version, Verdict verdict, Verdict provisionalVerdict, double score, List<String> completedEnrichers,
        List<String> pendingEnrichers, Instant updatedAt) {

    public OutcomeChange {
        completedEnrichers = List.copyOf(completedEnrichers);
        pendingEnrichers = List.copyOf(pendingEnrichers);
    }

    static OutcomeChange of(OutcomeUpdated event) {
        return new OutcomeChange(event.getDecisionId(), event.getTenant(), event.getFlow(), event.getEntityId(),
                event.getStatus(), event.getVersion(), event.getVerdict(), event.getProvisionalVerdict(),
                event.getScore(), event.getCompletedEnrichers(), event.getPendingEnrichers(), event.getUpdatedAt());
    }

    /** The event this change is on a stream; {@code flowAmends} as the flow says ({@link OutcomeEvent}). */
    public OutcomeEvent event(boolean flowAmends) {
        return OutcomeEvent.of(status, pendingEnrichers.isEmpty(), flowAmends);
    }
}
