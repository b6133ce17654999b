package dev.tandem.blender.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tandem.core.flow.Flow;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.model.Prediction;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;

/**
 * The merge rules, as a pure function. A result for a pending enricher is added and the version
 * grows by one; when the last required result is in, the full model re-scores the sync and
 * enrichment features and the outcome becomes FINAL. The default policy only escalates
 * (APPROVE → REVIEW → DECLINE): a final score that suggests a milder answer never reverses the
 * provisional one; either way the reason is recorded.
 */
final class OutcomeMerger {

    MergeDecision merge(Outcome current, EnrichmentResult result, Flow flow, Instant now) {
        if (current.enrichments().containsKey(result.enricher())) {
            return new MergeDecision.Duplicate(current);
        }
        if (current.isFinal()) {
            return amendable(current, result, flow) ? new MergeDecision.Amend(amend(current, result, flow, now))
                    : new MergeDecision.Late(current);
        }
        if (!current.requiredEnrichers().contains(result.enricher())) {
            return new MergeDecision.NotRequired(current);
        }
        var enrichments = new HashMap<>(current.enrichments());
        enrichments.put(result.enricher(), result);
        var reasons = new ArrayList<>(current.reasons());
        if (result.status() != EnrichmentStatus.OK) {
            reasons.add("enricher " + result.enricher() + " " + result.status() + ": " + result.reason());
        }
        boolean complete = enrichments.keySet().containsAll(current.requiredEnrichers());
        if (!complete) {
            return new MergeDecision.Apply(copy(current, OutcomeStatus.ENRICHING, current.verdict(), current.score(),
                    current.model(), reasons, enrichments, now));
        }
        var features = new HashMap<>(current.features());
        enrichments.values().forEach(r -> features.putAll(r.features()));
        Prediction prediction = flow.predictFull(features);
        prediction.reasons().stream()
                .filter(reason -> !current.reasons().contains(reason))
                .forEach(reason -> reasons.add("final: " + reason));
        Verdict suggested = flow.definition().thresholds().verdictFor(prediction.score());
        Verdict verdict = escalateOnly(current.provisionalVerdict(), suggested);
        if (verdict != current.provisionalVerdict()) {
            reasons.add("escalated from " + current.provisionalVerdict() + " to " + verdict + " by "
                    + prediction.model().name() + " (score " + round(prediction.score()) + ")");
        }
        else if (suggested != verdict) {
            reasons.add(prediction.model().name() + " suggests " + suggested + " (score " + round(prediction.score())
                    + "); " + verdict + " stands: answers are only escalated");
        }
        return new MergeDecision.Apply(copy(current, OutcomeStatus.FINAL, verdict, prediction.score(),
                prediction.model(), reasons, enrichments, now));
    }

    /** Only an outcome that timed out, for a flow that allows it, with a result it was waiting for. */
    private static boolean amendable(Outcome current, EnrichmentResult result, Flow flow) {
        return flow.definition().amendAfterTimeout()
                && (current.status() == OutcomeStatus.TIMED_OUT || current.status() == OutcomeStatus.AMENDED)
                && current.requiredEnrichers().contains(result.enricher());
    }

    /** A late result re-scores with what is in by now; the answer only escalates from the current one. */
    private static Outcome amend(Outcome current, EnrichmentResult result, Flow flow, Instant now) {
        var enrichments = new HashMap<>(current.enrichments());
        enrichments.put(result.enricher(), result);
        var features = new HashMap<>(current.features());
        enrichments.values().forEach(r -> features.putAll(r.features()));
        Prediction prediction = flow.predictFull(features);
        Verdict verdict = escalateOnly(current.verdict(), flow.definition().thresholds().verdictFor(prediction.score()));
        var reasons = new ArrayList<>(current.reasons());
        reasons.add("amended after " + current.status() + " by the late " + result.enricher() + " result ("
                + prediction.model().name() + " score " + round(prediction.score()) + ")"
                + (verdict != current.verdict() ? "; escalated from " + current.verdict() + " to " + verdict : ""));
        return copy(current, OutcomeStatus.AMENDED, verdict, prediction.score(), prediction.model(), reasons,
                enrichments, now);
    }

    static Verdict escalateOnly(Verdict provisional, Verdict suggested) {
        return suggested.ordinal() > provisional.ordinal() ? suggested : provisional;
    }

    private static Outcome copy(Outcome o, OutcomeStatus status, Verdict verdict, double score,
            ModelInfo model, List<String> reasons, Map<String, EnrichmentResult> enrichments, Instant now) {
        return new Outcome(o.decisionId(), o.tenant(), o.flow(), o.entityId(), o.requestId(), o.priority(), status,
                o.version() + 1, verdict, score, model, o.provisionalVerdict(), reasons, o.features(),
                o.requiredEnrichers(), enrichments, o.degraded(), o.eventTime(), o.createdAt(), now, o.deadline());
    }

    private static String round(double score) {
        return String.format(Locale.ROOT, "%.3f", score);
    }
}
