package dev.tandem.benchmarks.merge;

import java.util.List;
import java.util.Locale;

/** The markdown table of a merge run: results/s per path and callers, and the Lua path against the baselines. */
final class MergeReport {

    static final double GOAL_PER_SECOND = 20_000;

    private MergeReport() {
    }

    static String table(List<CallerRun.Result> results, MergeOptions options) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Merge throughput, one shared Lettuce connection, %d outcomes,"
                + " %d s warm-up + %d s measured per row, callers are %s%n%n", options.outcomes(),
                options.warmUp().toSeconds(), options.window().toSeconds(),
                options.chained() ? "chains of completions (no thread per caller)" : "threads blocking on each answer"));
        text.append("| path | callers | results/s | mean µs per write (callers ÷ rate) | rate ÷ Lua apply's |"
                + " JVM CPU µs per write | redis-server CPU µs per write | not applied | failed |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CallerRun.Result r : results) {
            double lua = luaRate(results, r.callers());
            text.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.1f | %.2f× | %.1f | %.1f | %d | %d |%n",
                    r.path(), r.callers(), r.perSecond(), r.meanMicros(), r.perSecond() / lua, r.jvmCpuMicros(),
                    r.redisCpuMicros(), r.notApplied(), r.failures()));
        }
        double best = results.stream().filter(r -> r.path().startsWith("lua")).mapToDouble(CallerRun.Result::perSecond)
                .max().orElse(0);
        text.append(String.format(Locale.ROOT, "%n- Lua apply, best: %,.0f results/s (goal ≥ %,.0f): %s%n", best,
                GOAL_PER_SECOND, best >= GOAL_PER_SECOND ? "met" : "NOT met"));
        return text.toString();
    }

    private static double luaRate(List<CallerRun.Result> results, int callers) {
        return results.stream().filter(r -> r.path().startsWith("lua") && r.callers() == callers)
                .mapToDouble(CallerRun.Result::perSecond).findFirst().orElse(Double.NaN);
    }
}
