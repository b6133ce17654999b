package dev.tandem.benchmarks.hotpath;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.openloop.LoadResult;

/** The markdown of a hot-path run: one row per target and rate, the ratios, the overload runs, the goals. */
final class HotPathReport {

    /** Issue 6's goals, on this 2-core machine with the generator on it. */
    record Goal(Target target, int rate, double p99Millis, String what) {
    }

    static final List<Goal> GOALS = List.of(
            new Goal(Target.DECISION, 3_000, 10, "3,000 decisions/s with p99 under 10 ms"),
            new Goal(Target.FEATURES, 10_000, 2, "the feature read at 10,000 requests/s with p99 under 2 ms"));

    private HotPathReport() {
    }

    static String markdown(String setup, List<TargetRun> runs, List<OverloadRun> overloads, List<String> plots) {
        var text = new StringBuilder(setup).append("\n\n");
        if (!runs.isEmpty()) {
            table(runs, text);
        }
        if (!overloads.isEmpty()) {
            text.append(OverloadReport.markdown(overloads));
        }
        text.append("\nGoals (a rate holds when it has no errors, answers at least 99 % of the intended rate and, for"
                + " the hybrid decision, every decision was published and finished by the asynchronous path):\n\n");
        for (Goal goal : GOALS) {
            text.append("- ").append(judge(goal, runs)).append('\n');
        }
        for (String line : OverloadReport.judge(overloads)) {
            text.append("- ").append(line).append('\n');
        }
        if (!plots.isEmpty()) {
            text.append("\nPercentile plots: ").append(String.join(", ", plots)).append('\n');
        }
        return text.toString();
    }

    private static void table(List<TargetRun> runs, StringBuilder text) {
        text.append("Latency from each request's due time to its whole answer (ms; coordinated omission corrected:"
                + " a late generator or a busy connection counts against the target).\n\n");
        text.append("| target | rate /s | achieved /s | p50 | p95 | p99 | p99.9 | max | answers | errors | degraded"
                + " | generator lag p99 | feature cache hits | asynchronous path after the run |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (TargetRun run : runs) {
            text.append(row(run));
        }
        errors(runs, text);
        cpu(runs, text);
        heap(runs, text);
        ratios(runs, text);
    }

    /**
     * Each process's CPU per request over the measured window, with a JVM's JIT and GC threads' part of it beside it,
     * and the machine's idle share then.
     */
    private static void cpu(List<TargetRun> runs, StringBuilder text) {
        List<String> processes = runs.stream().flatMap(run -> Stream.concat(run.cpu().byProcess().keySet().stream(),
                run.cpu().jvms().keySet().stream())).distinct().toList();
        Set<String> jvms = runs.stream().flatMap(run -> run.cpu().jvms().keySet().stream())
                .collect(Collectors.toSet());
        text.append("\nCPU over each measured window (user + system time of each process), per request due in it,"
                + " in ms; and the share of the machine's CPU time that was idle. Of a JVM's, *of which JIT* is what"
                + " its JIT compiler threads used (C1 and C2 CompilerThreads) and *of which GC* what its garbage"
                + " collector's threads used (G1's), the rest being the work itself: compiling still going on in the"
                + " window means that the JVM was not warm yet, that the window measured part of the warm-up too and"
                + " that the CPU per request is higher than it is once warm. Read from each thread's"
                + " /proc/<pid>/task/<tid>/stat: a thread that ended in the window is missing from them; — where they"
                + " could not be read.\n\n| target | rate /s |");
        int columns = 0;
        for (String process : processes) {
            text.append(' ').append(process).append(jvms.contains(process) ? " | of which JIT | of which GC |" : " |");
            columns += jvms.contains(process) ? 3 : 1;
        }
        text.append(" machine idle |\n|---|---:|").append("---:|".repeat(columns)).append("---:|\n");
        for (TargetRun run : runs) {
            text.append(String.format(Locale.ROOT, "| %s | %,d |", run.target().label(), run.rate()));
            long requests = run.measuredSends();
            for (String process : processes) {
                text.append(millis(run.cpu().millisPer(process, requests)));
                if (jvms.contains(process)) {
                    text.append(millis(run.cpu().jitMillisPer(process, requests)))
                            .append(millis(run.cpu().gcMillisPer(process, requests)));
                }
            }
            text.append(' ').append(run.cpu().idle()).append(" |\n");
        }
        text.append("\nThe JVMs' threads that used the most CPU in each window, in µs per request (threads named alike"
                + " but for their numbers together: ForkJoinPool-N- are the virtual threads' carriers, where the"
                + " requests run):\n\n");
        for (TargetRun run : runs) {
            for (String jvm : run.cpu().jvms().keySet()) {
                String groups = run.cpu().threadGroupsPer(jvm, run.measuredSends(), 8);
                if (!groups.isEmpty()) {
                    text.append(String.format(Locale.ROOT, "- %s at %,d/s, %s: %s%n", run.target().label(),
                            run.rate(), jvm, groups));
                }
            }
        }
    }

    /**
     * What the benchmark's JVM allocated per request over each measured window, the generator's threads' part of it,
     * and its collector's pauses: the garbage a request leaves and what collecting it cost the tail.
     */
    private static void heap(List<TargetRun> runs, StringBuilder text) {
        text.append("\nHeap over each measured window in the benchmark's JVM (decision-api, the all-sync server and"
                + " the load generator; the broker too unless the asynchronous half has a process of its own): bytes"
                + " allocated by all its threads per request due in the window (KB of 1,000 bytes), the generator's"
                + " pacing and I/O threads' part of them, and each pause of its garbage collector that ended in the"
                + " window.\n\n| target | rate /s | KB per request | of which the generator | MB/s | collector pauses"
                + " | longest pause (ms) | paused |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (TargetRun run : runs) {
            HeapMeter.Use heap = run.heap();
            long requests = run.measuredSends();
            double seconds = heap.elapsed().toNanos() / 1e9;
            text.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %,.0f | %d | %.1f | %.2f %% |%n",
                    run.target().label(), run.rate(), heap.kilobytesPer(requests),
                    heap.kilobytesPer(requests) - heap.serverKilobytesPer(requests), heap.allocated() / 1e6 / seconds,
                    heap.pauses().size(), heap.longestPause().toNanos() / 1e6,
                    100 * heap.paused().toNanos() / 1e9 / seconds));
        }
    }

    /** A table cell of ms with three decimals, or a dash when they are not known. */
    private static String millis(double millis) {
        return Double.isNaN(millis) ? " — |" : String.format(Locale.ROOT, " %.3f |", millis);
    }

    private static String row(TargetRun run) {
        LoadResult load = run.load();
        String hits = run.cacheHits().isPresent()
                ? String.format(Locale.ROOT, "%.1f %%", 100 * run.cacheHits().getAsDouble()) : "—";
        String async = run.drain() == null ? "—" : run.drain().describe();
        return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %,d | %,d | %,d |"
                + " %.2f | %s | %s |%n", run.target().label(), run.rate(), load.achievedPerSecond(), load.millisAt(50),
                load.millisAt(95), load.millisAt(99), load.millisAt(99.9), load.latency().getMaxValue() / 1000.0,
                load.answered(), load.errorCount(), load.degraded(),
                load.sendLag().getValueAtPercentile(99) / 1000.0, hits, async);
    }

    private static void errors(List<TargetRun> runs, StringBuilder text) {
        boolean any = false;
        for (TargetRun run : runs) {
            for (var error : run.load().errors().entrySet()) {
                if (!any) {
                    text.append("\nErrors:\n\n");
                    any = true;
                }
                text.append(String.format(Locale.ROOT, "- %s at %,d/s: %s × %,d%n", run.target().label(), run.rate(),
                        error.getKey(), error.getValue()));
            }
        }
    }

    private static void ratios(List<TargetRun> runs, StringBuilder text) {
        text.append("\nRatios, each at one rate in the same run:\n\n");
        text.append("| rate /s | decision ÷ features p50 | decision ÷ features p99 | all-sync ÷ decision p50"
                + " | all-sync ÷ decision p99 |\n|---:|---:|---:|---:|---:|\n");
        for (int rate : new TreeSet<>(runs.stream().map(TargetRun::rate).toList())) {
            Optional<TargetRun> features = find(runs, Target.FEATURES, rate);
            Optional<TargetRun> decision = find(runs, Target.DECISION, rate);
            Optional<TargetRun> allSync = find(runs, Target.ALL_SYNC, rate);
            text.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s |%n", rate,
                    ratio(decision, features, 50), ratio(decision, features, 99), ratio(allSync, decision, 50),
                    ratio(allSync, decision, 99)));
        }
    }

    /** {@code over}'s latency at {@code percentile} ÷ {@code under}'s, or a dash when either was not run. */
    static String ratio(Optional<TargetRun> over, Optional<TargetRun> under, double percentile) {
        if (over.isEmpty() || under.isEmpty()) {
            return "—";
        }
        double a = over.get().load().millisAt(percentile);
        double b = under.get().load().millisAt(percentile);
        return b <= 0 ? "—" : String.format(Locale.ROOT, "%.2f× (%.2f ÷ %.2f ms)", a / b, a, b);
    }

    /** Met, not met or not measured, at the goal's rate or above; and the highest rate that held the p99. */
    static String judge(Goal goal, List<TargetRun> runs) {
        List<TargetRun> mine = runs.stream().filter(run -> run.target() == goal.target()).toList();
        String highest = mine.stream().filter(run -> run.holds(goal.p99Millis())).mapToInt(TargetRun::rate).max()
                .stream().mapToObj(rate -> String.format(Locale.ROOT, "%,d/s", rate)).findFirst().orElse("none");
        String held = "; highest rate measured that held p99 < " + fmt(goal.p99Millis()) + " ms: " + highest;
        List<TargetRun> atRate = mine.stream().filter(run -> run.rate() >= goal.rate()).toList();
        if (atRate.isEmpty()) {
            return goal.what() + ": not measured (no " + goal.target().label() + " run at "
                    + String.format(Locale.ROOT, "%,d", goal.rate()) + "/s or more)" + held;
        }
        Optional<TargetRun> met = atRate.stream().filter(run -> run.holds(goal.p99Millis())).findFirst();
        TargetRun shown = met.orElse(atRate.getFirst());
        LoadResult load = shown.load();
        return String.format(Locale.ROOT, "%s: %s at %,d/s (p99 %.2f ms, %,.0f/s answered, %,d errors)%s",
                goal.what(), met.isPresent() ? "**met**" : "**NOT met**", shown.rate(), shown.p99(),
                load.achievedPerSecond(), load.errorCount(), held);
    }

    private static Optional<TargetRun> find(List<TargetRun> runs, Target target, int rate) {
        return runs.stream().filter(run -> run.target() == target && run.rate() == rate).findFirst();
    }

    /** 10 for 10.0, 2.5 for 2.5. */
    static String fmt(double millis) {
        return millis == Math.rint(millis) ? String.format(Locale.ROOT, "%.0f", millis) : Double.toString(millis);
    }
}
