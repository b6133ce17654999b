package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import dev.tandem.benchmarks.CpuMeter;
import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.openloop.LoadResult;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HotPathReportTests {

    static final AsyncBacklog.Drain IDLE = new AsyncBacklog.Drain(60_000, 0, 0, 0, 0, Duration.ofMillis(1_500));
    static final HotPathReport.Goal DECISIONS = HotPathReport.GOALS.get(0);
    static final HotPathReport.Goal FEATURE_READS = HotPathReport.GOALS.get(1);

    @Test
    void ratios_arePerRate_fullDecisionOverTheIoFloor_andAllSyncOverTheHybrid() {
        TargetRun features = run(Target.FEATURES, 3_000, 500, Map.of(), null);
        TargetRun decision = run(Target.DECISION, 3_000, 1_000, Map.of(), IDLE);
        TargetRun allSync = run(Target.ALL_SYNC, 3_000, 2_000, Map.of(), null);

        assertThat(HotPathReport.ratio(Optional.of(decision), Optional.of(features), 99))
                .isEqualTo("2.00× (1.00 ÷ 0.50 ms)");
        assertThat(HotPathReport.ratio(Optional.of(allSync), Optional.of(decision), 50))
                .isEqualTo("2.00× (2.00 ÷ 1.00 ms)");
        assertThat(HotPathReport.ratio(Optional.of(allSync), Optional.empty(), 99)).isEqualTo("—");
        assertThat(HotPathReport.markdown("setup", List.of(features, decision, allSync), List.of(), List.of("plot.svg")))
                .contains("| 3,000 | 2.00× (1.00 ÷ 0.50 ms) | 2.00× (1.00 ÷ 0.50 ms) | 2.00× (2.00 ÷ 1.00 ms) |")
                .contains("| decision | 3,000 | 3,000 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 | 1,000 | 0 | 0 |")
                .contains("60,000 FINAL, 0 TIMED_OUT; idle 1.5 s after the run")
                .contains("| target | rate /s | benchmark JVM | of which JIT | of which GC | machine idle |")
                .contains("| decision | 3,000 | 0.250 | 0.050 | 0.010 | 25.0 % |")
                .contains("| decision | 3,000 | 20.0 | 2.0 | 60 | 2 | 20.0 | 0.16 % |")
                .contains("Percentile plots: plot.svg");
    }

    @Test
    void judge_aRunAtTheGoalsRateThatHolds_meetsIt_andTheOtherGoalIsNotMeasured() {
        List<TargetRun> runs = List.of(run(Target.FEATURES, 3_000, 500, Map.of(), null),
                run(Target.DECISION, 3_000, 1_000, Map.of(), IDLE));

        assertThat(HotPathReport.judge(DECISIONS, runs)).contains("**met** at 3,000/s (p99 1.00 ms")
                .endsWith("highest rate measured that held p99 < 10 ms: 3,000/s");
        assertThat(HotPathReport.judge(FEATURE_READS, runs)).contains("not measured (no features run at 10,000/s")
                .endsWith("highest rate measured that held p99 < 2 ms: 3,000/s");
    }

    @Test
    void judge_errorsOrAnAsynchronousPathLeftBehind_meanTheRateDidNotHold() {
        var behind = new AsyncBacklog.Drain(50_000, 0, 3, 10_000, 2_000, Duration.ofMinutes(5));
        List<TargetRun> withErrors = List.of(run(Target.DECISION, 3_000, 1_000, Map.of("HTTP 503", 3L), IDLE));
        List<TargetRun> leftBehind = List.of(run(Target.DECISION, 4_000, 1_000, Map.of(), behind));

        assertThat(HotPathReport.judge(DECISIONS, withErrors)).contains("**NOT met** at 3,000/s", "3 errors")
                .endsWith("held p99 < 10 ms: none");
        assertThat(HotPathReport.judge(DECISIONS, leftBehind)).contains("**NOT met** at 4,000/s");
        assertThat(HotPathReport.markdown("setup", leftBehind, List.of(), List.of()))
                .contains("3 not published to Kafka (left PROVISIONAL); 10,000 without an end state, 2,000 records"
                        + " unprocessed 300 s after the run");
        assertThat(HotPathReport.markdown("setup", withErrors, List.of(), List.of())).contains("- decision at 3,000/s: HTTP 503 × 3");
    }

    @Test
    void markdown_cpuTable_givesEachJvmItsJitAndGcColumns_withDashesWhereItsThreadsWereNotRead() {
        var cpu = new CpuMeter.Use(Duration.ofSeconds(20), new TreeMap<>(Map.of(HotPathPlatform.ASYNCHRONOUS_HALF,
                Duration.ofMillis(3_000), HotPathPlatform.BENCHMARK_JVM, Duration.ofMillis(8_000), "redis-server",
                Duration.ofMillis(400))), Map.of(HotPathPlatform.BENCHMARK_JVM, split(2_000, 200),
                        HotPathPlatform.ASYNCHRONOUS_HALF, Optional.empty()), OptionalDouble.of(0.4));

        String markdown = HotPathReport.markdown("setup", List.of(run(Target.DECISION, 100, 1_000, Map.of(), IDLE,
                cpu)), List.of(), List.of());

        assertThat(markdown).contains("*of which JIT* is what its JIT compiler threads used")
                .contains("| target | rate /s | asynchronous half | of which JIT | of which GC | benchmark JVM"
                        + " | of which JIT | of which GC | redis-server | machine idle |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                        + "| decision | 100 | 1.500 | — | — | 4.000 | 1.000 | 0.100 | 0.200 | 40.0 % |\n");
    }

    /** A run whose every measured answer took {@code micros}; its benchmark JVM took 5 ms per request. */
    private static TargetRun run(Target target, int rate, long micros, Map<String, Long> errors,
            AsyncBacklog.@Nullable Drain drain) {
        return run(target, rate, micros, errors, drain, new CpuMeter.Use(Duration.ofSeconds(20),
                Map.of(HotPathPlatform.BENCHMARK_JVM, Duration.ofMillis(5 * rate)),
                Map.of(HotPathPlatform.BENCHMARK_JVM, split(rate, rate / 5)), OptionalDouble.of(0.25)));
    }

    private static TargetRun run(Target target, int rate, long micros, Map<String, Long> errors,
            AsyncBacklog.@Nullable Drain drain, CpuMeter.Use cpu) {
        var latency = new Histogram(60_000_000L, 3);
        latency.recordValueWithCount(micros, 1_000);
        var lag = new Histogram(60_000_000L, 3);
        lag.recordValue(10);
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        var load = new LoadResult(rate, Duration.ofSeconds(20), latency, lag, 1_000 + failed, 1_000, 0, errors, rate,
                1_000, 8);
        var heap = new HeapMeter.Use(Duration.ofSeconds(20), 1_200_000_000L, 120_000_000L,
                List.of(new HeapMeter.Pause(1, "G1 Young Generation", Duration.ofMillis(12)),
                        new HeapMeter.Pause(2, "G1 Young Generation", Duration.ofMillis(20))));
        return new TargetRun(target, load, OptionalDouble.empty(), drain, cpu, heap);
    }

    private static Optional<CpuMeter.Split> split(long jitMillis, long gcMillis) {
        return Optional.of(new CpuMeter.Split(Duration.ofMillis(jitMillis), Duration.ofMillis(gcMillis)));
    }
}
