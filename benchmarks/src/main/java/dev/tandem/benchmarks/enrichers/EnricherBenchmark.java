package dev.tandem.benchmarks.enrichers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.tandem.benchmarks.Machine;
import dev.tandem.workers.deeprisk.DeepRiskEnricher;
import dev.tandem.workers.enrichment.BatchSizer;
import dev.tandem.workers.enrichment.EnricherSettings;
import dev.tandem.workers.enrichment.EnrichmentRequest;

/**
 * {@code ./tandem bench enrichers}: for each enricher, records per second, batch latency, allocation and CPU per
 * record at fixed batch sizes and with the service's adaptive batch size, then the ratio of the adaptive rate to
 * batch size 1's and whether the adaptive p99 stays inside the latency objective (issue 5's goal: at least 5 × with
 * p99 inside). The tables are printed and written to {@code benchmarks/target/bench-enrichers.md}; options in
 * {@link EnricherOptions#USAGE}.
 */
public final class EnricherBenchmark {

    static final double GOAL_RATIO = 5.0;
    private static final long SEED = 42;

    private EnricherBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(EnricherOptions.USAGE);
            return;
        }
        EnricherOptions options;
        try {
            options = EnricherOptions.parse(args);
        } catch (IllegalArgumentException ex) {
            System.err.println("bench enrichers: " + ex.getMessage());
            System.err.println(EnricherOptions.USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        String startMachine = Machine.describe();
        out.println("machine at start: " + startMachine);
        var results = new ArrayList<BatchRun.Result>();
        var setups = new ArrayList<String>();
        for (String name : options.enrichers()) {
            RequestPool pool = pool(name);
            try (Subject subject = Subject.open(name, pool.clock())) {
                EnricherSettings settings = subject.settings();
                String setup = String.format(Locale.ROOT, "%s: %d caller thread(s) (its concurrency), adaptive "
                        + "batches %d..%d against a latency objective of %d ms; %s", name, settings.concurrency(),
                        settings.minBatch(), settings.maxBatch(), settings.latencyObjective().toMillis(),
                        subject.runsOn());
                out.println(setup);
                if (pool.renews()) {
                    String cost = RequestPool.renewalCost().describe(name);
                    out.println("  " + cost);
                    setup += "; " + cost;
                }
                setups.add(setup);
                prime(subject, pool, settings.maxBatch(), out);
                var sizings = new ArrayList<BatchRun.Sizing>();
                options.sizes().forEach(size -> sizings.add(BatchRun.Sizing.fixed(size)));
                sizings.add(BatchRun.Sizing.adaptive(new BatchSizer(settings.minBatch(), settings.maxBatch(),
                        settings.latencyObjective())));
                for (BatchRun.Sizing sizing : sizings) {
                    out.printf(Locale.ROOT, "  %s batch %s: %d s warm-up, %d s measured ...%n", name, sizing.label(),
                            options.warmUp().toSeconds(), options.window().toSeconds());
                    BatchRun.Result result = BatchRun.measure(name, subject.enricher(), subject.server(), pool, sizing,
                            settings.concurrency(), settings.latencyObjective(), options.warmUp(), options.window());
                    out.printf(Locale.ROOT, "    %,.0f records/s, mean batch %.1f, batch p99 %.2f ms, %,.0f B and "
                            + "%.1f µs CPU per record, %d failed%n", result.perSecond(), result.meanBatch(),
                            result.p99Millis(), result.bytesPerRecord(), result.cpuMicrosPerRecord(), result.failures());
                    results.add(result);
                }
            }
        }
        String report = EnricherReport.markdown(results, setups, startMachine, Machine.describe());
        out.println();
        out.print(report);
        write(Path.of("benchmarks", "target", "bench-enrichers.md"), report);
    }

    /**
     * deep-risk's pool is cycled as it is (its numbers stay comparable); velocity's renews its decisions each cycle,
     * so that each measured request is a new event whose aggregates are written back, as in production.
     */
    private static RequestPool pool(String name) {
        return name.equals(DeepRiskEnricher.NAME) ? RequestPool.payments(SEED, Instant.now())
                : RequestPool.renewing(SEED, Instant.now());
    }

    /** One pass over the pool at the largest batch: fills velocity's windows and warms the JIT, unmeasured. */
    private static void prime(Subject subject, RequestPool pool, int size, PrintStream out) throws Exception {
        long start = System.nanoTime();
        for (List<EnrichmentRequest> slice : pool.slices(size)) {
            subject.enricher().enrich(slice).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        out.printf(Locale.ROOT, "  primed with the %,d requests of the pool in batches of %d (%.1f s)%n",
                RequestPool.SIZE, size, (System.nanoTime() - start) / 1e9);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e.getMessage());
        }
    }
}
