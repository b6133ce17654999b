package dev.tandem.api.decision;

import java.time.Instant;
import java.util.List;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;

/** The REST document of a decision (contract v1). */
record DecisionDocument(String decisionId, String flow, String entityId, OutcomeStatus status, long version,
        Verdict outcome, Verdict provisionalOutcome, double score, List<String> reasons, ModelInfo model,
        Enrichment enrichment, boolean degraded, Instant createdAt, Instant updatedAt) {

    record Enrichment(List<String> required, List<String> completed, List<String> pending, Instant deadline) {
    }

    static DecisionDocument of(Outcome o) {
        return new DecisionDocument(o.decisionId(), o.flow(), o.entityId(), o.status(), o.version(), o.verdict(),
                o.provisionalVerdict(), o.score(), o.reasons(), o.model(),
                new Enrichment(o.requiredEnrichers(), o.completed(), o.pending(), o.deadline()), o.degraded(),
                o.createdAt(), o.updatedAt());
    }

    /** The entity tag of an outcome: its version, which grows with every change. */
    static String etag(Outcome o) {
        return "\"" + o.version() + "\"";
    }
}
