package dev.tandem.benchmarks.pipeline;

import java.time.Duration;
import java.util.List;

/** The options of {@code ./tandem bench pipeline}. */
record PipelineOptions(int ratePerSecond, Duration warmUp, Duration window, int kafkaMessages, int messageBytes,
        int entities, List<String> enrichers) {

    /** What payment-risk requires by default (its configuration file). */
    static final List<String> FLOW_ENRICHERS = List.of("velocity", "ip-reputation");

    static final String USAGE = "./tandem bench pipeline [--rate 200] [--warmup-seconds 10] [--seconds 25]"
            + " [--kafka-messages 5000] [--message-bytes 512] [--entities 100] [--enrichers velocity,ip-reputation]"
            + " (--enrichers: what payment-risk requires in this run)";

    PipelineOptions {
        if (ratePerSecond < 1 || kafkaMessages < 1 || messageBytes < 1 || entities < 1 || window.isZero()) {
            throw new IllegalArgumentException("rates, counts, sizes and --seconds must be positive");
        }
    }

    static PipelineOptions parse(String[] args) {
        int rate = 200;
        Duration warmUp = Duration.ofSeconds(10);
        Duration window = Duration.ofSeconds(25);
        int kafkaMessages = 5_000;
        int messageBytes = 512;
        int entities = 100;
        List<String> enrichers = FLOW_ENRICHERS;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(value);
                case "--warmup-seconds" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--seconds" -> window = Duration.ofSeconds(Long.parseLong(value));
                case "--kafka-messages" -> kafkaMessages = Integer.parseInt(value);
                case "--message-bytes" -> messageBytes = Integer.parseInt(value);
                case "--entities" -> entities = Integer.parseInt(value);
                case "--enrichers" -> enrichers = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new PipelineOptions(rate, warmUp, window, kafkaMessages, messageBytes, entities, enrichers);
    }

    /** Decisions sent in the warm-up, not measured. */
    long warmUpDecisions() {
        return warmUp.toMillis() * ratePerSecond / 1000;
    }

    /** Decisions measured. */
    long measuredDecisions() {
        return window.toMillis() * ratePerSecond / 1000;
    }
}
