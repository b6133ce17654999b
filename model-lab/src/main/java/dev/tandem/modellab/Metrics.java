package dev.tandem.modellab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Ranking and threshold metrics of fraud scores against labels. Ties in scores are handled exactly. */
final class Metrics {

    private Metrics() {
    }

    /** ROC-AUC: the probability that a random fraud scores above a random legitimate event (ties count half). */
    static double rocAuc(double[] scores, boolean[] fraud) {
        Integer[] order = ascending(scores);
        double rankSumFraud = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (fraud[order[k]]) {
                    rankSumFraud += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumFraud - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * PR-AUC as average precision: the precision at each distinct score threshold, weighted by the
     * recall it adds (no interpolation).
     */
    static double prAuc(double[] scores, boolean[] fraud) {
        Integer[] order = ascending(scores);
        long positives = countFraud(fraud);
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long truePositives = 0;
        long flagged = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            long added = 0;
            for (int k = j; k <= i; k++) {
                added += fraud[order[k]] ? 1 : 0;
            }
            truePositives += added;
            flagged += i - j + 1;
            ap += (added / (double) positives) * (truePositives / (double) flagged);
            i = j - 1;
        }
        return ap;
    }

    /** Precision and recall of flagging every event whose score is at least the threshold. */
    static PrecisionRecall at(double threshold, double[] scores, boolean[] fraud) {
        long flagged = 0;
        long caught = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= threshold) {
                flagged++;
                caught += fraud[i] ? 1 : 0;
            }
        }
        long positives = countFraud(fraud);
        return new PrecisionRecall(flagged == 0 ? 0 : caught / (double) flagged,
                positives == 0 ? 0 : caught / (double) positives);
    }

    /** Mean score against observed fraud rate in ten bins of width 0.1; empty bins are left out. */
    static List<CalibrationBin> calibration(double[] scores, boolean[] fraud) {
        double[] sum = new double[10];
        int[] frauds = new int[10];
        int[] count = new int[10];
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(9, (int) Math.floor(scores[i] * 10));
            sum[bin] += scores[i];
            frauds[bin] += fraud[i] ? 1 : 0;
            count[bin]++;
        }
        var bins = new ArrayList<CalibrationBin>();
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                bins.add(new CalibrationBin(b / 10.0, (b + 1) / 10.0, sum[b] / count[b], frauds[b] / (double) count[b],
                        count[b]));
            }
        }
        return bins;
    }

    static long countFraud(boolean[] fraud) {
        long n = 0;
        for (boolean f : fraud) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static Integer[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    /**
     * @param precision the share of flagged events that are fraud (0 when none is flagged)
     * @param recall the share of fraud that is flagged
     */
    record PrecisionRecall(double precision, double recall) {
    }

    /**
     * @param from lower bound of the score bin (inclusive)
     * @param to upper bound (exclusive, except for the last bin)
     * @param predicted the mean score in the bin
     * @param observed the fraud rate in the bin
     * @param count events in the bin
     */
    record CalibrationBin(double from, double to, double predicted, double observed, int count) {
    }
}
