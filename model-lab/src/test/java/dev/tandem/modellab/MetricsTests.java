package dev.tandem.modellab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTests {

    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final boolean[] FRAUD = {false, false, true, true};

    @Test
    void rocAuc_isTheShareOfFraudLegitPairsRankedRight() {
        // pairs (0.35,0.1) (0.35,0.4) (0.8,0.1) (0.8,0.4): three of four right
        assertThat(Metrics.rocAuc(SCORES, FRAUD)).isCloseTo(0.75, within(1e-12));
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.9}, new boolean[] {false, true})).isEqualTo(1.0);
        assertThat(Metrics.rocAuc(new double[] {0.9, 0.1}, new boolean[] {false, true})).isEqualTo(0.0);
    }

    @Test
    void rocAuc_tiedScores_countHalf() {
        assertThat(Metrics.rocAuc(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, false})).isEqualTo(0.5);
    }

    @Test
    void prAuc_isAveragePrecision() {
        // ranked 0.8 (fraud), 0.4 (legit), 0.35 (fraud): AP = 1/2 * 1 + 1/2 * 2/3
        assertThat(Metrics.prAuc(SCORES, FRAUD)).isCloseTo(0.5 + 1.0 / 3, within(1e-12));
    }

    @Test
    void prAuc_tiedScores_areOneThreshold() {
        assertThat(Metrics.prAuc(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, false, false}))
                .isCloseTo(0.25, within(1e-12));
    }

    @Test
    void at_flagsScoresAtOrAboveTheThreshold() {
        Metrics.PrecisionRecall pr = Metrics.at(0.35, SCORES, FRAUD);

        assertThat(pr.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(pr.recall()).isEqualTo(1.0);
        assertThat(Metrics.at(0.95, SCORES, FRAUD)).isEqualTo(new Metrics.PrecisionRecall(0, 0));
    }

    @Test
    void calibration_binsByTenths_leavesEmptyBinsOut_putsOneInTheLastBin() {
        var bins = Metrics.calibration(new double[] {0.05, 0.15, 0.15, 1.0}, new boolean[] {false, true, false, true});

        assertThat(bins).containsExactly(
                new Metrics.CalibrationBin(0.0, 0.1, 0.05, 0.0, 1),
                new Metrics.CalibrationBin(0.1, 0.2, 0.15, 0.5, 2),
                new Metrics.CalibrationBin(0.9, 1.0, 1.0, 1.0, 1));
    }
}
