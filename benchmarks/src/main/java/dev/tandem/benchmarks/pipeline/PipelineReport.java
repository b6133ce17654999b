package dev.tandem.benchmarks.pipeline;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The markdown tables of a pipeline run, and the ratio to one Kafka hop. */
final class PipelineReport {

    static final double GOAL_RATIO = 3.0;

    private PipelineReport() {
    }

    static String render(PipelineOptions options, KafkaHop.Result hop, Histogram toFinal, Histogram accepted,
            long finals, long timedOut, long missing) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "One Kafka hop: org.apache.kafka.tools.EndToEndLatency, %d messages of"
                + " %d B, acks=%s, one at a time (the tool truncates to whole ms)%n%n", hop.messages(),
                hop.messageBytes(), hop.acks()));
        text.append("| | p50 | p95 | p99 | p99.9 | max | mean |\n|---|---:|---:|---:|---:|---:|---:|\n");
        text.append(String.format(Locale.ROOT, "| Kafka hop (ms) | %d | — | %d | %d | — | %.2f |%n%n", hop.p50Millis(),
                hop.p99Millis(), hop.p999Millis(), hop.averageMillis()));
        text.append(String.format(Locale.ROOT, "Decisions: payment-risk (one enricher, velocity), %d/s open loop,"
                + " %d s warm-up, %d s measured: %,d measured, %,d FINAL, %,d TIMED_OUT, %,d without an end state%n%n",
                options.ratePerSecond(), options.warmUp().toSeconds(), options.window().toSeconds(),
                options.measuredDecisions(), finals, timedOut, missing));
        text.append("| from the intended send time to (ms) | p50 | p95 | p99 | p99.9 | max | mean | count |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        text.append(row("201 from decision-api (sync)", accepted));
        text.append(row("FINAL seen on pub/sub", toFinal));
        double p99 = toFinal.getValueAtPercentile(99) / 1000.0;
        double ratio = p99 / Math.max(hop.p99Millis(), 1);
        text.append(String.format(Locale.ROOT, "%n- p99 decision → FINAL ÷ p99 Kafka hop: %.2f ms ÷ %d ms = %.2f×"
                + " (goal ≤ %.1f×): %s%n", p99, hop.p99Millis(), ratio, GOAL_RATIO,
                ratio <= GOAL_RATIO && missing == 0 && timedOut == 0 ? "met" : "NOT met"));
        if (hop.p99Millis() == 0) {
            text.append("  (the tool's p99 was 0, under 1 ms; divided by 1 ms)\n");
        }
        return text.toString();
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
