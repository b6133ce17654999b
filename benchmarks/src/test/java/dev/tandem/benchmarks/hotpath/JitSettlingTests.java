package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.tandem.benchmarks.CpuMeter;
import org.junit.jupiter.api.Test;

class JitSettlingTests {

    private static final Duration STEP = Duration.ofSeconds(10);

    @Test
    void settled_whenEveryJvmsCompilersUsedUnderFivePercentOfACore() {
        CpuMeter.Use step = step(Optional.of(Duration.ofMillis(490)), Optional.of(Duration.ofMillis(120)));

        assertThat(JitSettling.settled(step)).isTrue();
        assertThat(JitSettling.describe(step)).isEqualTo("benchmark JVM 4.9 %, asynchronous half 1.2 %");
    }

    @Test
    void notSettled_whileOneJvmStillCompiles() {
        CpuMeter.Use step = step(Optional.of(Duration.ofMillis(100)), Optional.of(Duration.ofMillis(500)));

        assertThat(JitSettling.settled(step)).as("5 %: not under it").isFalse();
        assertThat(JitSettling.describe(step)).isEqualTo("benchmark JVM 1.0 %, asynchronous half 5.0 %");
    }

    @Test
    void aJvmWhoseThreadsCouldNotBeRead_doesNotHoldTheOthersBack() {
        CpuMeter.Use step = step(Optional.of(Duration.ofMillis(100)), Optional.empty());

        assertThat(JitSettling.settled(step)).isTrue();
        assertThat(JitSettling.describe(step)).isEqualTo("benchmark JVM 1.0 %, asynchronous half not known");
    }

    private static CpuMeter.Use step(Optional<Duration> benchmarkJit, Optional<Duration> asynchronousJit) {
        var jvms = new LinkedHashMap<String, Optional<CpuMeter.Split>>();
        jvms.put("benchmark JVM", benchmarkJit.map(jit -> new CpuMeter.Split(jit, Duration.ZERO)));
        jvms.put("asynchronous half", asynchronousJit.map(jit -> new CpuMeter.Split(jit, Duration.ZERO)));
        return new CpuMeter.Use(STEP, Map.of(), jvms, OptionalDouble.empty());
    }
}
