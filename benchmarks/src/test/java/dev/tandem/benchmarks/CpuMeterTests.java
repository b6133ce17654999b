package dev.tandem.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class CpuMeterTests {

    @Test
    void ticks_idleIsIdlePlusIowait_ofTheFirstLine_andEachCpuLineIsACpu() {
        CpuMeter.Ticks ticks = CpuMeter.ticks(List.of("cpu  100 5 50 800 20 1 2 3 40 0",
                "cpu0 50 2 25 400 10 1 1 2 20 0", "cpu1 50 3 25 400 10 0 1 1 20 0", "intr 12345 0 9",
                "cpufreq is not a cpu line"));

        assertThat(ticks.idle()).isEqualTo(820);
        assertThat(ticks.cpus()).isEqualTo(2);
    }

    @Test
    void ticks_ofAnotherFile_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CpuMeter.ticks(List.of("cpu0 1 2 3 4 5")));
        assertThatIllegalArgumentException().isThrownBy(() -> CpuMeter.ticks(List.of()));
    }

    @Test
    void between_givesEachProcessItsDifference_perRequest_andTheIdleShare() {
        var from = new CpuMeter.Sample(0, Map.of("api", Duration.ofMillis(1_000), "gone", Duration.ofMillis(5)),
                Map.of(), new CpuMeter.Ticks(1_000, 2));
        // 20 s on 2 CPUs are 4,000 ticks of 10 ms, of which 500 idle, whatever the busy ticks add up to
        var to = new CpuMeter.Sample(20_000_000_000L, Map.of("api", Duration.ofMillis(9_000)), Map.of(),
                new CpuMeter.Ticks(1_500, 2));

        CpuMeter.Use use = CpuMeter.between(from, to);

        assertThat(use.elapsed()).isEqualTo(Duration.ofSeconds(20));
        assertThat(use.byProcess()).containsOnlyKeys("api");
        assertThat(use.millisPer("api", 2_000)).isCloseTo(4.0, within(1e-9));
        assertThat(use.millisPer("gone", 2_000)).isNaN();
        assertThat(use.idle()).isEqualTo("12.5 %");
        assertThat(use.describe(2_000)).isEqualTo("api 8.00 CPU-s (4.00 ms per request); machine idle 12.5 %");
    }

    @Test
    void between_idleShareIsAgainstTheWallClockTime_atMostAll() {
        var from = new CpuMeter.Sample(0, Map.of(), Map.of(), new CpuMeter.Ticks(0, 2));

        assertThat(CpuMeter.between(from, new CpuMeter.Sample(10_000_000_000L, Map.of(), Map.of(),
                new CpuMeter.Ticks(500, 2))).idle()).as("500 of 2,000 ticks").isEqualTo("25.0 %");
        assertThat(CpuMeter.between(from, new CpuMeter.Sample(10_000_000_000L, Map.of(), Map.of(),
                new CpuMeter.Ticks(2_003, 2))).idle()).as("ticks read a little after the clock").isEqualTo("100.0 %");
    }

    @Test
    void between_withoutMachineTicks_hasNoIdleShare() {
        var sample = new CpuMeter.Sample(0, Map.of(), Map.of(), null);

        assertThat(CpuMeter.between(sample, sample).idleShare()).isEmpty();
        assertThat(CpuMeter.between(sample, sample).idle()).isEqualTo("—");
    }

    @Test
    void between_splitsTheJitAndGcOffAJvmWhoseThreadsWereRead_andSaysWhenAJvmsWereNot() {
        var compiler = new JvmThreads.Task("C2 CompilerThre", 100);
        var collector = new JvmThreads.Task("GC Thread#0", 10);
        var from = new CpuMeter.Sample(0, new TreeMap<>(Map.of("api", Duration.ofMillis(1_000), "half",
                Duration.ofMillis(500), "redis", Duration.ofMillis(100))), Map.of("api", Map.of(1L, compiler, 2L,
                        collector), "half", Map.of()), null);
        var to = new CpuMeter.Sample(20_000_000_000L, Map.of("api", Duration.ofMillis(9_000), "half",
                Duration.ofMillis(2_500), "redis", Duration.ofMillis(300)), Map.of("api", Map.of(1L,
                        new JvmThreads.Task("C2 CompilerThre", 300), 2L, new JvmThreads.Task("GC Thread#0", 30)),
                        "half", Map.of()), null);

        CpuMeter.Use use = CpuMeter.between(from, to);

        assertThat(use.jvms()).containsOnlyKeys("api", "half")
                .containsEntry("api", Optional.of(new CpuMeter.Split(Duration.ofSeconds(2), Duration.ofMillis(200),
                        Map.of("CN CompilerThre", Duration.ofSeconds(2), "GC Thread", Duration.ofMillis(200)))))
                .containsEntry("half", Optional.empty());
        assertThat(use.jitMillisPer("api", 2_000)).isCloseTo(1.0, within(1e-9));
        assertThat(use.gcMillisPer("api", 2_000)).isCloseTo(0.1, within(1e-9));
        assertThat(use.jitShareOfOneCore("api")).as("2 s of JIT in 20 s").hasValueCloseTo(0.1, within(1e-9));
        assertThat(use.jitShareOfOneCore("half")).as("threads not read").isEmpty();
        assertThat(use.jitShareOfOneCore("redis")).as("not a JVM").isEmpty();
        assertThat(use.jitMillisPer("half", 2_000)).isNaN();
        assertThat(use.threadGroupsPer("api", 2_000, 8)).isEqualTo("CN CompilerThre 1000, GC Thread 100");
        assertThat(use.threadGroupsPer("half", 2_000, 8)).isEmpty();
        assertThat(use.gcMillisPer("redis", 2_000)).isNaN();
        assertThat(use.describe(2_000)).isEqualTo("api 8.00 CPU-s (4.00 ms per request, of which JIT 1.00, GC 0.10),"
                + " half 2.00 CPU-s (1.00 ms per request, JIT and GC not known), redis 0.20 CPU-s (0.10 ms per"
                + " request); machine idle —");
    }

    @Test
    void sample_ofThisProcess_growsWithTheWorkItDoes() {
        var meter = new CpuMeter(Map.of("this JVM", ProcessHandle.current()), Set.of("this JVM"));
        CpuMeter.Sample before = meter.sample();
        long sum = 0;
        for (long deadline = System.nanoTime() + 200_000_000L; System.nanoTime() < deadline;) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }

        CpuMeter.Use use = CpuMeter.between(before, meter.sample());

        assertThat(sum).isPositive();
        assertThat(use.byProcess().get("this JVM")).isGreaterThan(Duration.ZERO);
        assertThat(use.jvms()).containsKey("this JVM"); // split on Linux, not known elsewhere
    }
}
