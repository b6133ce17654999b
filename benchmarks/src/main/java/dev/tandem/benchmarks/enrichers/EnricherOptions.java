package dev.tandem.benchmarks.enrichers;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code ./tandem bench enrichers}.
 *
 * @param enrichers which enrichers to measure, in order
 * @param sizes the fixed batch sizes; the adaptive row is always measured too
 * @param warmUp the warm-up of each row, not measured
 * @param window the measured window of each row
 */
record EnricherOptions(List<String> enrichers, List<Integer> sizes, Duration warmUp, Duration window) {

    static final List<String> ENRICHERS = List.of("deep-risk", "velocity", "velocity-by-slot");

    static final String USAGE = """
            Usage: ./tandem bench enrichers [--enrichers deep-risk,velocity,velocity-by-slot] [--sizes 1,8,32,128]
                                            [--warmup-seconds 2] [--seconds 5]

            Calls each enricher directly (no Kafka) from as many threads as its configured concurrency, each thread
            one batch at a time, at every fixed batch size and then with the adaptive size (the service's
            BatchSizer against the enricher's latency-objective, both from enrichment-workers.yml). deep-risk scores
            payment-risk-deep in ONNX Runtime; velocity runs its Lua script on a redis-server started on a free
            port, one call per batch; velocity-by-slot the same with one call per hash slot, as a Redis Cluster
            needs. Prints records/s, batch latency, allocation and CPU per record, and writes the table to
            benchmarks/target/bench-enrichers.md. About 2 minutes with the defaults.""";

    static EnricherOptions parse(String[] args) {
        List<String> enrichers = ENRICHERS;
        List<Integer> sizes = List.of(1, 8, 32, 128);
        Duration warmUp = Duration.ofSeconds(2);
        Duration window = Duration.ofSeconds(5);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--enrichers" -> enrichers = List.of(value.split(","));
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
                case "--warmup-seconds" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--seconds" -> window = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new EnricherOptions(enrichers, sizes, warmUp, window);
    }

    EnricherOptions {
        enrichers = List.copyOf(enrichers);
        sizes = List.copyOf(sizes);
        for (String enricher : enrichers) {
            if (!ENRICHERS.contains(enricher)) {
                throw new IllegalArgumentException("--enrichers: unknown enricher " + enricher + "; known " + ENRICHERS);
            }
        }
        if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1 || size > 4096)) {
            throw new IllegalArgumentException("--sizes must be batch sizes from 1 to 4096");
        }
        if (!sizes.contains(1)) {
            throw new IllegalArgumentException("--sizes must include 1: the ratios are against batch size 1");
        }
        if (window.isZero() || window.isNegative() || warmUp.isNegative()) {
            throw new IllegalArgumentException("--seconds must be positive and --warmup-seconds not negative");
        }
    }
}
