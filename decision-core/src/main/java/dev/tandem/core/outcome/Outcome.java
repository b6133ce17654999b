package dev.tandem.core.outcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * The stored, versioned result of one decision. Immutable; every change makes a new instance with
 * a higher {@link #version()}.
 *
 * @param features the sync features (entity features and numeric attributes) the fast model read
 * @param enrichments the results merged so far, by enricher
 */
public record Outcome(String decisionId, String tenant, String flow, String entityId, @Nullable String requestId,
        Priority priority, OutcomeStatus status, long version, Verdict verdict, double score, ModelInfo model,
        Verdict provisionalVerdict, List<String> reasons, Map<String, Double> features, List<String> requiredEnrichers,
        Map<String, EnrichmentResult> enrichments, boolean degraded, Instant eventTime, Instant createdAt,
        Instant updatedAt, Instant deadline) {

    public Outcome {
        reasons = List.copyOf(reasons);
        features = Map.copyOf(features);
        requiredEnrichers = List.copyOf(requiredEnrichers);
        enrichments = Map.copyOf(enrichments);
    }

    /** Whether the outcome has reached an end state; late results no longer change it. */
    public boolean isFinal() {
        return status == OutcomeStatus.FINAL || status == OutcomeStatus.TIMED_OUT || status == OutcomeStatus.AMENDED;
    }

    /** The required enrichers whose results are in, in the flow's order. */
    public List<String> completed() {
        return requiredEnrichers.stream().filter(enrichments::containsKey).toList();
    }

    /** The required enrichers whose results are still missing, in the flow's order. */
    public List<String> pending() {
        return requiredEnrichers.stream().filter(e -> !enrichments.containsKey(e)).toList();
    }

    /** Sync features and every merged enrichment feature, in one map: the full model's input. */
    public Map<String, Double> allFeatures() {
        var all = new TreeMap<>(features);
        enrichments.values().forEach(result -> all.putAll(result.features()));
        return all;
    }
}
