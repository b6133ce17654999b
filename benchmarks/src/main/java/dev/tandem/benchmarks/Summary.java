package dev.tandem.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result of {@link SingleRowBenchmark} and {@link BatchBenchmark} into the Markdown
 * tables of docs/benchmarks.md: percentiles, per-row cost, bytes per operation, the ratios against
 * the runtime-only baseline of the same run, and whether the goals are met.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks-jmh.jar dev.tandem.benchmarks.Summary result.json}
 */
public final class Summary {

    static final double SINGLE_ROW_P99_GOAL_MICROS = 50;
    static final double BATCH_64_PER_ROW_SPEED_UP_GOAL = 5;

    private final Map<String, JsonNode> single = new LinkedHashMap<>();
    private final Map<Integer, JsonNode> predictAll = new TreeMap<>();
    private final Map<Integer, JsonNode> runtimeOnly = new TreeMap<>();

    private Summary(JsonNode results) {
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asString();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            if (benchmark.contains(SingleRowBenchmark.class.getSimpleName())) {
                single.put(method, result);
            }
            else if (benchmark.contains(BatchBenchmark.class.getSimpleName())) {
                int batch = result.path("params").path("batch").asInt();
                (method.equals("predictAll") ? predictAll : runtimeOnly).put(batch, result);
            }
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Summary <jmh-result.json>");
            System.exit(2);
        }
        JsonNode results = JsonMapper.builder().build().readTree(Path.of(args[0]).toFile());
        System.out.print(new Summary(results).markdown());
    }

    String markdown() {
        var out = new StringBuilder();
        if (!single.isEmpty()) {
            out.append("Single row, payment-risk-fast (SampleTime, µs)\n\n");
            out.append("| benchmark | mean ± 99.9% CI | p50 | p90 | p99 | p99.9 | max | B/op |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            single.forEach((method, result) -> out.append(row("`" + method + "`",
                    withError(result), format(percentile(result, "50.0")),
                    format(percentile(result, "90.0")), format(percentile(result, "99.0")),
                    format(percentile(result, "99.9")), format(percentile(result, "100.0")),
                    bytes(allocation(result), 1))));
            out.append('\n');
        }
        if (!predictAll.isEmpty()) {
            String model = predictAll.values().iterator().next().path("params").path("model").asString("payment-risk-full");
            out.append("Batches, " + model + ", `predictAll` (AverageTime; per row = per call ÷ batch)\n\n");
            out.append("| batch | µs/call | µs/row | B/op | B/row | runtime only µs/call | runtime only µs/row "
                    + "| predictAll ÷ runtime only |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            predictAll.forEach((batch, result) -> {
                double call = score(result);
                JsonNode baseline = runtimeOnly.get(batch);
                out.append(row(String.valueOf(batch), withError(result),
                        format(call / batch), bytes(allocation(result), 1), bytes(allocation(result), batch),
                        baseline == null ? "–" : format(score(baseline)),
                        baseline == null ? "–" : format(score(baseline) / batch),
                        baseline == null ? "–" : ratio(call / score(baseline))));
            });
            out.append('\n');
        }
        goals(out);
        return out.toString();
    }

    private void goals(StringBuilder out) {
        JsonNode predict = single.get("predict");
        if (predict != null) {
            double p99 = percentile(predict, "99.0");
            out.append("- single row p99: ").append(format(p99)).append(" µs (goal < ")
                    .append(format(SINGLE_ROW_P99_GOAL_MICROS)).append(" µs): ")
                    .append(p99 < SINGLE_ROW_P99_GOAL_MICROS ? "met" : "NOT met").append('\n');
            JsonNode baseline = single.get("runtimeOnly");
            if (baseline != null) {
                out.append("- single row `predict` ÷ `runtimeOnly`: mean ").append(ratio(score(predict) / score(baseline)))
                        .append(", p50 ").append(ratio(percentile(predict, "50.0") / percentile(baseline, "50.0")))
                        .append(", p99 ").append(ratio(percentile(predict, "99.0") / percentile(baseline, "99.0")))
                        .append('\n');
            }
        }
        JsonNode one = predictAll.get(1);
        JsonNode sixtyFour = predictAll.get(64);
        if (one != null && sixtyFour != null) {
            double speedUp = score(one) / (score(sixtyFour) / 64);
            out.append("- per row, batch 1 ÷ batch 64: ").append(ratio(speedUp)).append(" (goal ≥ ")
                    .append(ratio(BATCH_64_PER_ROW_SPEED_UP_GOAL)).append("): ")
                    .append(speedUp >= BATCH_64_PER_ROW_SPEED_UP_GOAL ? "met" : "NOT met").append('\n');
        }
    }

    /** JMH writes {@code "NaN"} as a string (the error of a single iteration). */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asString("NaN"));
    }

    private static String withError(JsonNode result) {
        double error = error(result);
        return format(score(result)) + (Double.isNaN(error) ? "" : " ± " + format(error));
    }

    private static double score(JsonNode result) {
        return number(result.path("primaryMetric").path("score"));
    }

    private static double error(JsonNode result) {
        return number(result.path("primaryMetric").path("scoreError"));
    }

    private static double percentile(JsonNode result, String which) {
        return number(result.path("primaryMetric").path("scorePercentiles").path(which));
    }

    private static @Nullable Double allocation(JsonNode result) {
        JsonNode metric = result.path("secondaryMetrics").get("gc.alloc.rate.norm");
        return metric == null ? null : number(metric.path("score"));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String bytes(@Nullable Double perOperation, int rows) {
        return perOperation == null ? "–" : String.format(Locale.ROOT, "%,.0f", perOperation / rows);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1f×", value);
    }

    /** Three significant digits, enough for measurements on a shared machine. */
    static String format(double micros) {
        if (micros >= 100) {
            return String.format(Locale.ROOT, "%.0f", micros);
        }
        if (micros >= 10) {
            return String.format(Locale.ROOT, "%.1f", micros);
        }
        return String.format(Locale.ROOT, "%.2f", micros);
    }
}
