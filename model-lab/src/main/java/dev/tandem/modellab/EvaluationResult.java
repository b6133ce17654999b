package dev.tandem.modellab;

import dev.tandem.core.flow.Thresholds;
import dev.tandem.modellab.Metrics.PrecisionRecall;

import java.util.List;
import java.util.Map;

/**
 * What the held-out replay showed.
 *
 * @param seed the replay's seed
 * @param events events replayed
 * @param positiveRate their fraud rate
 * @param thresholds the flow's thresholds used
 * @param table one row per way of deciding
 * @param flips provisional to final, with the IP lookup
 * @param flipsWithoutIp provisional to final, with ip_risk at its default
 * @param patterns how each pattern is caught, provisionally and finally
 * @param approveAllCostPer1000 the cost of approving everything, for scale
 */
record EvaluationResult(long seed, int events, double positiveRate, Thresholds thresholds, List<Row> table,
        Flips flips, Flips flipsWithoutIp, List<PatternRow> patterns, double approveAllCostPer1000) {

    /**
     * @param decision how the verdict is made
     * @param how which model and inputs
     * @param costPer1000 the cost of its verdicts per 1,000 payments ({@link Costs#DEFAULT})
     */
    record Row(String decision, String how, double rocAuc, double prAuc, PrecisionRecall atReview,
            PrecisionRecall atDecline, double costPer1000) {
    }

    /**
     * @param rate the share of decisions whose final verdict differs from the provisional one
     * @param fraudShare the share of those flips that are on fraudulent payments
     * @param transitions flips by {@code FROM → TO}
     */
    record Flips(double rate, double fraudShare, Map<String, Integer> transitions) {
    }

    /** The share of a pattern's events at REVIEW or above ({@code flagged}) and at DECLINE. */
    record PatternRow(Pattern pattern, int events, double provisionalFlagged, double finalFlagged,
            double provisionalDeclined, double finalDeclined) {
    }

    Row row(String decision) {
        return table.stream().filter(r -> r.decision().equals(decision)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + decision));
    }
}
