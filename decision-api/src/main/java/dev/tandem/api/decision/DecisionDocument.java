package dev.tandem.api.decision;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The REST document of a decision (contract v1). */
@Schema(description = "A decision: its current outcome and how far its enrichment has got", requiredProperties = {
        "decisionId", "flow", "entityId", "status", "version", "outcome", "provisionalOutcome", "score", "reasons",
        "model", "enrichment", "degraded", "createdAt", "updatedAt" })
record DecisionDocument(
        @Schema(description = "The decision's id; the same for the same requestId in the same flow") String decisionId,
        String flow,
        String entityId,
        @Schema(description = "PROVISIONAL as answered; ENRICHING once some enrichers' results are in; FINAL when "
                + "all are and the full model has scored it; TIMED_OUT when the flow's deadline passed first; AMENDED "
                + "when a late result escalated a timed-out outcome")
        OutcomeStatus status,
        @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(description = "The current verdict") Verdict outcome,
        @Schema(description = "The verdict answered at once, from the fast model") Verdict provisionalOutcome,
        @Schema(description = "The current model's risk score, 0 to 1") double score,
        @Schema(description = "Why the outcome is what it is: defaults used, stale features, degraded reads")
        List<String> reasons,
        @Schema(description = "The model that gave the current score") ModelInfo model,
        Enrichment enrichment,
        @Schema(description = "Whether the answer was made from defaults because features were not read in time")
        boolean degraded,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(description = "The enrichers the flow waits for, which are in and which are not, and what each gave")
    record Enrichment(List<String> required, List<String> completed, List<String> pending,
            @Schema(description = "When the outcome stops waiting for the enrichers (TIMED_OUT)") Instant deadline,
            @Schema(description = "What each enricher contributed so far, by name, in the flow's order")
            Map<String, Result> results) {
    }

    /** One enricher's merged result. */
    @Schema(description = "One enricher's merged result")
    record Result(@Schema(description = "OK, FAILED or TIMED_OUT") EnrichmentStatus status,
            @Schema(description = "Why the status is not OK; absent when OK") @Nullable String reason,
            @Schema(description = "The features it computed, by name") Map<String, Double> features,
            @Schema(description = "The enricher's version") String version,
            @Schema(description = "When the enricher finished") Instant computedAt) {
    }

    static DecisionDocument of(Outcome o) {
        var results = new LinkedHashMap<String, Result>();
        for (String enricher : o.requiredEnrichers()) {
            EnrichmentResult r = o.enrichments().get(enricher);
            if (r != null) {
                results.put(enricher, new Result(r.status(), r.reason(), new TreeMap<>(r.features()), r.version(),
                        r.computedAt()));
            }
        }
        return new DecisionDocument(o.decisionId(), o.flow(), o.entityId(), o.status(), o.version(), o.verdict(),
                o.provisionalVerdict(), o.score(), o.reasons(), o.model(),
                new Enrichment(o.requiredEnrichers(), o.completed(), o.pending(), o.deadline(), results),
                o.degraded(), o.createdAt(), o.updatedAt());
    }

    /** The entity tag of an outcome: its version, which grows with every change. */
    static String etag(Outcome o) {
        return "\"" + o.version() + "\"";
    }
}
