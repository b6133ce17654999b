package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BatchSizerTests {

    static final long FAST = Duration.ofMillis(5).toNanos();
    static final long SLOW = Duration.ofMillis(80).toNanos();

    final BatchSizer sizer = new BatchSizer(1, 20, Duration.ofMillis(50));

    @Test
    void startsAtTheMinimum() {
        assertThat(sizer.size()).isEqualTo(1);
    }

    @Test
    void fullBatchesWithinTheObjective_growAdditively_upToTheMaximum() {
        sizer.observe(1, FAST);
        assertThat(sizer.size()).isEqualTo(1 + BatchSizer.STEP);
        for (int i = 0; i < 50; i++) {
            sizer.observe(sizer.size(), FAST);
        }
        assertThat(sizer.size()).isEqualTo(20);
    }

    @Test
    void aBatchThatWasNotFull_saysNothingAboutABiggerOne() {
        sizer.observe(1, FAST);
        sizer.observe(1, FAST);
        assertThat(sizer.size()).isEqualTo(1 + BatchSizer.STEP);
    }

    @Test
    void aBatchOverTheObjective_shrinksByTenPercent_butAtLeastOne_andNotBelowTheMinimum() {
        for (int i = 0; i < 50; i++) {
            sizer.observe(sizer.size(), FAST);
        }
        sizer.observe(20, SLOW);
        assertThat(sizer.size()).isEqualTo(18);
        for (int i = 0; i < 100; i++) {
            sizer.observe(sizer.size(), SLOW);
        }
        assertThat(sizer.size()).isEqualTo(1);
    }

    @Test
    void settlesJustUnderTheObjective_whenLatencyGrowsWithTheBatch() {
        // 4 ms per record: the objective of 50 ms allows 12
        for (int i = 0; i < 500; i++) {
            int batch = sizer.size();
            sizer.observe(batch, Duration.ofMillis(4L * batch).toNanos());
        }
        assertThat(sizer.size()).isBetween(10, 13);
    }

    @Test
    void refusesBoundsThatCannotHold() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BatchSizer(0, 4, Duration.ofMillis(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new BatchSizer(5, 4, Duration.ofMillis(1)));
    }
}
