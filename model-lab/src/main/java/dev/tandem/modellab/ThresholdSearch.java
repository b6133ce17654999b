package dev.tandem.modellab;

import dev.tandem.core.flow.Thresholds;

import java.util.Arrays;
import java.util.List;

/**
 * Chooses a flow's review and decline thresholds from data: the pair on a 0.01 grid that minimises
 * the summed cost of deciding with each of the flow's models (the fast one's provisional verdicts and
 * the full one's). One pair serves both models, as the flow has one pair.
 */
final class ThresholdSearch {

    private static final int STEPS = 100;

    private ThresholdSearch() {
    }

    /**
     * @param scoresPerModel each model's scores of the same events
     * @param fraud the events' labels
     */
    static Thresholds minimiseCost(List<double[]> scoresPerModel, boolean[] fraud, Costs costs) {
        double[] cost = new double[(STEPS + 1) * (STEPS + 1)];
        for (double[] scores : scoresPerModel) {
            Tally tally = Tally.of(scores, fraud);
            for (int r = 1; r < STEPS; r++) {
                for (int d = r; d < STEPS; d++) {
                    cost[r * (STEPS + 1) + d] += tally.cost(r / (double) STEPS, d / (double) STEPS, costs);
                }
            }
        }
        int best = -1;
        for (int r = 1; r < STEPS; r++) {
            for (int d = r; d < STEPS; d++) {
                int i = r * (STEPS + 1) + d;
                if (best < 0 || cost[i] < cost[best]) {
                    best = i;
                }
            }
        }
        return new Thresholds((best / (STEPS + 1)) / (double) STEPS, (best % (STEPS + 1)) / (double) STEPS);
    }

    /** Sorted scores of each class, so the events at or above a threshold are counted by a binary search. */
    private record Tally(double[] fraudScores, double[] legitScores) {

        static Tally of(double[] scores, boolean[] fraud) {
            int frauds = (int) Metrics.countFraud(fraud);
            double[] f = new double[frauds];
            double[] l = new double[scores.length - frauds];
            int fi = 0;
            int li = 0;
            for (int i = 0; i < scores.length; i++) {
                if (fraud[i]) {
                    f[fi++] = scores[i];
                } else {
                    l[li++] = scores[i];
                }
            }
            Arrays.sort(f);
            Arrays.sort(l);
            return new Tally(f, l);
        }

        double cost(double review, double decline, Costs costs) {
            long fraudAtReview = atOrAbove(fraudScores, review);
            long legitAtReview = atOrAbove(legitScores, review);
            long fraudAtDecline = atOrAbove(fraudScores, decline);
            long legitAtDecline = atOrAbove(legitScores, decline);
            long missed = fraudScores.length - fraudAtReview;
            long reviewed = fraudAtReview - fraudAtDecline + legitAtReview - legitAtDecline;
            return missed * costs.missedFraud() + reviewed * costs.review() + legitAtDecline * costs.declinedLegit();
        }

        private static long atOrAbove(double[] sorted, double threshold) {
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sorted[mid] >= threshold) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return sorted.length - low;
        }
    }
}
