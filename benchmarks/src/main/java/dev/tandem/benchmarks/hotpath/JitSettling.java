package dev.tandem.benchmarks.hotpath;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.StringJoiner;

import dev.tandem.benchmarks.CpuMeter;

/**
 * When the JVMs of a run have finished compiling what a target runs: each JVM whose threads could be read used less
 * than {@link #SETTLED_SHARE} of one core in its JIT compiler threads over a step of the target's load, for {@link
 * #STEPS_IN_A_ROW} steps in a row.
 *
 * <p>At 100 decisions/s a method run once per decision reaches C2's thresholds only after a minute or two: with a
 * warm-up of a few seconds, each JVM's compilers took 23–54 % of its CPU in the measured window (result 18 of
 * docs/benchmarks.md), and the window measured the warm-up too. A 150 s warm-up showed the compilers under 5 % of a
 * core in both JVMs after about 100 s, the asynchronous half's CPU per decision a third of what it was at 20 s.
 */
final class JitSettling {

    /** One step of load between two readings of the compilers' CPU. */
    static final Duration STEP = Duration.ofSeconds(10);
    /** Compilers using less than this share of one core over a step: settled. */
    static final double SETTLED_SHARE = 0.05;
    /**
     * Settled steps in a row before the JIT counts as settled: the compilers come and go in bursts, and a compiler
     * thread the JVM stops within a step takes its CPU with it ({@code JvmThreads}), so one quiet step can be luck.
     */
    static final int STEPS_IN_A_ROW = 2;

    private JitSettling() {
    }

    /**
     * Whether, over one step, every JVM of {@code step} whose threads were read had its compilers under {@link
     * #SETTLED_SHARE} of a core; a JVM whose threads could not be read (not Linux) cannot say, and does not hold the
     * others back.
     */
    static boolean settled(CpuMeter.Use step) {
        return step.jvms().keySet().stream().map(step::jitShareOfOneCore)
                .allMatch(share -> share.isEmpty() || share.getAsDouble() < SETTLED_SHARE);
    }

    /** Each JVM's compilers' share of one core, for example {@code benchmark JVM 12.3 %, asynchronous half 4.0 %}. */
    static String describe(CpuMeter.Use step) {
        var text = new StringJoiner(", ");
        step.jvms().keySet().forEach(jvm -> {
            OptionalDouble share = step.jitShareOfOneCore(jvm);
            text.add(share.isPresent() ? String.format(Locale.ROOT, "%s %.1f %%", jvm, 100 * share.getAsDouble())
                    : jvm + " not known");
        });
        return text.toString();
    }
}
