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
import org.jspecify.annotations.Nullable;

/** The REST document of a decision (contract v1). */
record DecisionDocument(String decisionId, String flow, String entityId, OutcomeStatus status, long version,
        Verdict outcome, Verdict provisionalOutcome, double score, List<String> reasons, ModelInfo model,
        Enrichment enrichment, boolean degraded, Instant createdAt, Instant updatedAt) {

    /** @param results what each enricher contributed so far, in the flow's order of enrichers */
    record Enrichment(List<String> required, List<String> completed, List<String> pending, Instant deadline,
            Map<String, Result> results) {
    }

    /**
     * One enricher's merged result.
     *
     * @param reason why the status is not OK; null when OK
     * @param features the features it computed, by name
     */
    record Result(EnrichmentStatus status, @Nullable String reason, Map<String, Double> features, String version,
            Instant computedAt) {
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
