package dev.tandem.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuMeterTests {

    @Test
    void ticks_idleIsIdlePlusIowait_andTheTotalStopsBeforeGuestTime() {
        CpuMeter.Ticks ticks = CpuMeter.ticks("cpu  100 5 50 800 20 1 2 3 40 0");

        assertThat(ticks.idle()).isEqualTo(820);
        assertThat(ticks.total()).isEqualTo(100 + 5 + 50 + 800 + 20 + 1 + 2 + 3);
    }

    @Test
    void ticks_ofAnotherLine_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CpuMeter.ticks("cpu0 1 2 3 4 5"));
    }

    @Test
    void between_givesEachProcessItsDifference_perRequest_andTheIdleShare() {
        var from = new CpuMeter.Sample(0, Map.of("api", Duration.ofMillis(1_000), "gone", Duration.ofMillis(5)),
                new CpuMeter.Ticks(1_000, 2_000));
        var to = new CpuMeter.Sample(20_000_000_000L, Map.of("api", Duration.ofMillis(9_000)),
                new CpuMeter.Ticks(1_500, 6_000));

        CpuMeter.Use use = CpuMeter.between(from, to);

        assertThat(use.elapsed()).isEqualTo(Duration.ofSeconds(20));
        assertThat(use.byProcess()).containsOnlyKeys("api");
        assertThat(use.millisPer("api", 2_000)).isCloseTo(4.0, within(1e-9));
        assertThat(use.millisPer("gone", 2_000)).isNaN();
        assertThat(use.idle()).isEqualTo("12.5 %");
        assertThat(use.describe(2_000)).isEqualTo("api 8.00 CPU-s (4.00 ms per request); machine idle 12.5 %");
    }

    @Test
    void between_withoutMachineTicks_hasNoIdleShare() {
        var sample = new CpuMeter.Sample(0, Map.of(), null);

        assertThat(CpuMeter.between(sample, sample).idleShare()).isEmpty();
        assertThat(CpuMeter.between(sample, sample).idle()).isEqualTo("—");
    }

    @Test
    void sample_ofThisProcess_growsWithTheWorkItDoes() {
        var meter = new CpuMeter(Map.of("this JVM", ProcessHandle.current()));
        CpuMeter.Sample before = meter.sample();
        long sum = 0;
        for (long deadline = System.nanoTime() + 200_000_000L; System.nanoTime() < deadline;) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }

        CpuMeter.Use use = CpuMeter.between(before, meter.sample());

        assertThat(sum).isPositive();
        assertThat(use.byProcess().get("this JVM")).isGreaterThan(Duration.ZERO);
    }
}
