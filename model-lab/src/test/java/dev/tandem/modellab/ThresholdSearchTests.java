package dev.tandem.modellab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tandem.core.flow.Thresholds;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ThresholdSearchTests {

    @Test
    void minimiseCost_findsTheCheapestPairOnTheGrid() {
        var random = new SplittableRandom(3);
        int n = 3_000;
        double[] a = new double[n];
        double[] b = new double[n];
        boolean[] fraud = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.pow(random.nextDouble(), 3);
            b[i] = Math.pow(random.nextDouble(), 2);
            fraud[i] = random.nextDouble() < (a[i] + b[i]) / 2;
        }

        Thresholds found = ThresholdSearch.minimiseCost(List.of(a, b), fraud, Costs.DEFAULT);

        double best = Double.MAX_VALUE;
        for (int r = 1; r < 100; r++) {
            for (int d = r; d < 100; d++) {
                var t = new Thresholds(r / 100.0, d / 100.0);
                best = Math.min(best, cost(t, a, b, fraud));
            }
        }
        assertThat(cost(found, a, b, fraud)).isCloseTo(best, within(1e-9));
    }

    @Test
    void minimiseCost_calibratedScores_landNearTheBayesThresholds() {
        // review when 10p > 1, decline when 5(1 - p) < 1: p = 0.1 and p = 0.8
        var random = new SplittableRandom(5);
        int n = 100_000;
        double[] p = new double[n];
        boolean[] fraud = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = random.nextDouble();
            fraud[i] = random.nextDouble() < p[i];
        }

        Thresholds found = ThresholdSearch.minimiseCost(List.of(p), fraud, Costs.DEFAULT);

        assertThat(found.review()).isCloseTo(0.1, within(0.03));
        assertThat(found.decline()).isCloseTo(0.8, within(0.05));
    }

    private static double cost(Thresholds t, double[] a, double[] b, boolean[] fraud) {
        return Costs.DEFAULT.perPayment(t, a, fraud) + Costs.DEFAULT.perPayment(t, b, fraud);
    }
}
