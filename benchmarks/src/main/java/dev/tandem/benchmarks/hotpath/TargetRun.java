package dev.tandem.benchmarks.hotpath;

import java.util.OptionalDouble;

import dev.tandem.benchmarks.CpuMeter;
import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.openloop.LoadResult;
import org.jspecify.annotations.Nullable;

/**
 * One target at one rate: what the load generator measured, decision-api's feature cache hit share over the run
 * (warm-up included; empty for targets that do not read through it), and, for the hybrid decision, how its
 * asynchronous path finished; and the CPU each process used over the measured window, and what the benchmark's JVM
 * (decision-api's) allocated and paused for its collector in it.
 */
record TargetRun(Target target, LoadResult load, OptionalDouble cacheHits, AsyncBacklog.@Nullable Drain drain,
        CpuMeter.Use cpu, HeapMeter.Use heap) {

    int rate() {
        return load.intendedPerSecond();
    }

    /** The requests due in the measured window: what the CPU table divides by. */
    long measuredSends() {
        return load.intendedPerSecond() * load.window().toMillis() / 1000;
    }

    double p99() {
        return load.millisAt(99);
    }

    /**
     * Whether the run kept its rate with a p99 under {@code p99Millis}: no errors, at least 99 % of the intended rate
     * answered, and, for the hybrid decision, every decision it accepted was published and finished by the
     * asynchronous path, which was idle again within the wait after the run.
     */
    boolean holds(double p99Millis) {
        return load.errorCount() == 0 && load.achievedPerSecond() >= 0.99 * load.intendedPerSecond()
                && p99() < p99Millis && (drain == null || drain.done() && drain.unpublished() == 0);
    }
}
