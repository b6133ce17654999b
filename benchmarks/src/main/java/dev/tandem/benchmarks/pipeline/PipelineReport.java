package dev.tandem.benchmarks.pipeline;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The markdown tables of a pipeline run, and the ratio to one Kafka hop. */
final class PipelineReport {

    static final double GOAL_RATIO = 3.0;

    private PipelineReport() {
    }

    /**
     * The tables: the hop alone (the tool's classic setting) and with decisions going on at the same rate; decision-api's 201 and
     * FINAL from each decision's intended send time; FINAL after the 201; the ratios. The goal, decision → FINAL, is
     * judged from the 201 (when the caller holds the provisional decision) against the hop alone; the stricter ratio
     * from the intended send, which adds the synchronous path, is printed beside it.
     */
    static String render(PipelineOptions options, KafkaHop.Result hop, KafkaHop.Result loadedHop, FinalWatcher watcher,
            Histogram accepted, long missing) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "One Kafka hop: org.apache.kafka.tools.EndToEndLatency, %d messages of"
                + " %d B, acks=%s, one at a time (the tool truncates to whole ms)%n%n", hop.messages(),
                hop.messageBytes(), hop.acks()));
        text.append("| | p50 | p95 | p99 | p99.9 | max | mean |\n|---|---:|---:|---:|---:|---:|---:|\n");
        text.append(hopRow("Kafka hop alone, before the decisions (ms)", hop));
        text.append(hopRow("Kafka hop right after, decisions going on at the same rate (ms)", loadedHop));
        text.append(String.format(Locale.ROOT, "%nDecisions: payment-risk requiring %s (ip-reputation against a"
                + " provider simulator answering at once), %d/s open loop, %d s warm-up, %d s measured: %,d measured,"
                + " %,d FINAL, %,d TIMED_OUT, %,d without an end state%n%n", String.join(" and ", options.enrichers()),
                options.ratePerSecond(), options.warmUp().toSeconds(), options.window().toSeconds(),
                options.measuredDecisions(), watcher.finals(), watcher.timedOut(), missing));
        text.append("| (ms) | p50 | p95 | p99 | p99.9 | max | mean | count |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        text.append(row("intended send → 201 from decision-api (sync)", accepted));
        text.append(row("intended send → FINAL seen on pub/sub", watcher.toFinal()));
        text.append(row("201 → FINAL seen on pub/sub (the async path)", watcher.afterAnswer()));
        double fromSend = p99Millis(watcher.toFinal());
        double afterAnswer = p99Millis(watcher.afterAnswer());
        boolean complete = missing == 0 && watcher.timedOut() == 0;
        double ratio = afterAnswer / Math.max(hop.p99Millis(), 1);
        text.append(String.format(Locale.ROOT, "%n- decision → FINAL (from the 201, the provisional decision in the"
                + " caller's hands): p99 %.2f ms ÷ p99 hop alone %d ms = %.2f× (goal ≤ %.1f×): %s%n", afterAnswer,
                hop.p99Millis(), ratio, GOAL_RATIO, ratio <= GOAL_RATIO && complete ? "met" : "NOT met"));
        double strict = fromSend / Math.max(hop.p99Millis(), 1);
        text.append(String.format(Locale.ROOT, "- stricter, from the intended send (the synchronous path and the HTTP"
                + " round trip included): p99 %.2f ms ÷ %d ms = %.2f× (%s the goal)%n", fromSend, hop.p99Millis(),
                strict, strict <= GOAL_RATIO && complete ? "within" : "outside"));
        text.append(String.format(Locale.ROOT, "- the same against the hop with decisions going on (%d ms): %.2f× from"
                + " the 201, %.2f× from the intended send%n", loadedHop.p99Millis(),
                afterAnswer / Math.max(loadedHop.p99Millis(), 1), fromSend / Math.max(loadedHop.p99Millis(), 1)));
        if (hop.p99Millis() == 0 || loadedHop.p99Millis() == 0) {
            text.append("  (a p99 of 0 from the tool means under 1 ms; divided by 1 ms)\n");
        }
        return text.toString();
    }

    private static String hopRow(String name, KafkaHop.Result hop) {
        return String.format(Locale.ROOT, "| %s | %d | — | %d | %d | — | %.2f |%n", name, hop.p50Millis(),
                hop.p99Millis(), hop.p999Millis(), hop.averageMillis());
    }

    private static double p99Millis(Histogram h) {
        return h.getValueAtPercentile(99) / 1000.0;
    }

    private static String row(String name, Histogram h) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %,d |%n", name,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0, h.getTotalCount());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
