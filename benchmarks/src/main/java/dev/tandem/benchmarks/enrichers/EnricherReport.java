package dev.tandem.benchmarks.enrichers;

import java.util.List;
import java.util.Locale;

/** The markdown of {@code ./tandem bench enrichers}: one table row per run, then the goal per enricher. */
final class EnricherReport {

    private EnricherReport() {
    }

    static String markdown(List<BatchRun.Result> results, List<String> setups, String startMachine,
            String endMachine) {
        var md = new StringBuilder();
        md.append("Machine at start: ").append(startMachine).append("\n\n");
        setups.forEach(setup -> md.append("- ").append(setup).append('\n'));
        md.append("\n| enricher | batch size | records/s | ÷ batch 1 | mean batch | batch p50 ms | batch p99 ms "
                + "| batch max ms | B/record | JVM CPU µs/record | redis-server CPU µs/record | failed |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BatchRun.Result r : results) {
            md.append(f("| %s | %s | %,.0f | %.1f× | %.1f | %.3f | %.3f | %.2f | %,.0f | %.2f | %s | %d |%n", r.enricher(),
                    r.size().equals("adaptive") ? "adaptive (ended at " + r.target() + ")" : r.size(), r.perSecond(),
                    r.perSecond() / batchOne(results, r.enricher()).perSecond(), r.meanBatch(),
                    r.latency().getValueAtPercentile(50) / 1e3, r.p99Millis(), r.latency().getMaxValue() / 1e3,
                    r.bytesPerRecord(), r.cpuMicrosPerRecord(),
                    r.serverCpuMicrosPerRecord() < 0 ? "—" : f("%.2f", r.serverCpuMicrosPerRecord()), r.failures()));
        }
        md.append('\n');
        for (BatchRun.Result r : results) {
            if (!r.size().equals("adaptive")) {
                continue;
            }
            double ratio = r.perSecond() / batchOne(results, r.enricher()).perSecond();
            boolean inside = r.p99Millis() <= r.objective().toMillis();
            md.append(f("- %s: adaptive ÷ batch 1 = %.1f× records/s (goal ≥ %.0f×): %s; adaptive batch p99 %.3f ms "
                    + "against the objective of %d ms: %s; goal %s%n", r.enricher(), ratio,
                    EnricherBenchmark.GOAL_RATIO, ratio >= EnricherBenchmark.GOAL_RATIO ? "met" : "NOT met",
                    r.p99Millis(), r.objective().toMillis(), inside ? "inside" : "NOT inside",
                    ratio >= EnricherBenchmark.GOAL_RATIO && inside ? "**met**" : "**not met**"));
        }
        md.append("\nMachine at end: ").append(endMachine).append('\n');
        return md.toString();
    }

    private static BatchRun.Result batchOne(List<BatchRun.Result> results, String enricher) {
        return results.stream().filter(r -> r.enricher().equals(enricher) && r.size().equals("1")).findFirst()
                .orElseThrow();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
