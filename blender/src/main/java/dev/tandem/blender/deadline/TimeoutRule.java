package dev.tandem.blender.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.OutcomeStatus;

/**
 * What a passed deadline does to an outcome, as a pure function: an outcome still waiting for
 * enrichers becomes TIMED_OUT one version up, the provisional answer standing and the missing
 * enrichers named; a final outcome, or one whose deadline has not passed, is left alone.
 */
public final class TimeoutRule {

    public Optional<Outcome> timeOut(Outcome current, Instant now) {
        if (current.isFinal() || now.isBefore(current.deadline())) {
            return Optional.empty();
        }
        var reasons = new ArrayList<>(current.reasons());
        reasons.add("deadline passed with " + current.pending() + " missing; the provisional answer stands");
        Outcome o = current;
        return Optional.of(new Outcome(o.decisionId(), o.tenant(), o.flow(), o.entityId(), o.requestId(), o.priority(),
                OutcomeStatus.TIMED_OUT, o.version() + 1, o.provisionalVerdict(), o.score(), o.model(),
                o.provisionalVerdict(), reasons, o.features(), o.requiredEnrichers(), o.enrichments(), o.degraded(),
                o.eventTime(), o.createdAt(), now, o.deadline()));
    }
}
