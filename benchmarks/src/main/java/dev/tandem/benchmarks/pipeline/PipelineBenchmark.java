package dev.tandem.benchmarks.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tandem.benchmarks.Machine;
import dev.tandem.benchmarks.platform.DecisionRequests;
import dev.tandem.benchmarks.platform.Services;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.devserver.KafkaBroker;
import dev.tandem.devserver.RedisServerProcess;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;

/**
 * {@code ./tandem bench pipeline}: starts a Kafka broker and a redis-server on free ports and the three services
 * against them, measures one Kafka hop with Kafka's own tool, then decision → FINAL at a steady open-loop rate, and
 * prints the tables of docs/benchmarks.md (also written to {@code benchmarks/target/bench-pipeline.md}).
 */
public final class PipelineBenchmark {

    private static final long DRAIN_SECONDS = 15;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(PipelineOptions.USAGE);
            return;
        }
        var options = PipelineOptions.parse(args);
        PrintStream out = System.out;
        out.println("machine at start: " + Machine.describe());
        Path dir = Files.createTempDirectory("tandem-bench-pipeline");
        try (var kafka = KafkaBroker.start(0, dir.resolve("kafka"));
                var redis = RedisServerProcess.start(0, dir.resolve("redis"))) {
            out.println("Kafka " + kafka.bootstrapServers() + ", Redis " + redis.url() + "; starting the services ...");
            RedisClient client = RedisClient.create(redis.url());
            try (var connection = client.connect(); var pubsub = client.connectPubSub();
                    var services = Services.start(kafka.bootstrapServers(), redis.url(), options.enrichers())) {
                var requests = new DecisionRequests(options.entities());
                requests.loadFeatures(new RedisFeatureStore(connection.async()));
                var watcher = new FinalWatcher();
                pubsub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        watcher.onMessage(message, System.nanoTime());
                    }
                });
                pubsub.sync().subscribe(RedisKeys.outcomeUpdates(RedisKeys.DEFAULT_TENANT));

                var sender = new OpenLoopSender(services.apiBaseUrl(), watcher, requests);
                out.println("warm-up, one decision at a time until 200 have gone FINAL (at most 60 s) ...");
                out.println("  " + sender.warmUpOneByOne(200, Duration.ofSeconds(60)) + " ended");

                out.printf(Locale.ROOT, "one Kafka hop: EndToEndLatency, %d messages of %d B, acks=all ...%n",
                        options.kafkaMessages(), options.messageBytes());
                var hop = KafkaHop.measure(kafka.bootstrapServers(), "bench-end-to-end-latency",
                        options.kafkaMessages(), options.messageBytes());
                out.printf(Locale.ROOT, "  p50 %d ms, p99 %d ms, p99.9 %d ms, mean %.2f ms%n", hop.p50Millis(),
                        hop.p99Millis(), hop.p999Millis(), hop.averageMillis());

                out.printf(Locale.ROOT, "decisions: %d/s, %d s warm-up then %d s measured ...%n",
                        options.ratePerSecond(), options.warmUp().toSeconds(), options.window().toSeconds());
                var progress = Executors.newSingleThreadScheduledExecutor();
                long started = System.nanoTime();
                progress.scheduleAtFixedRate(() -> out.printf(Locale.ROOT,
                        "  %3d s: sent %,d, accepted (measured) %,d, FINAL (measured) %,d, failed %d, p99 so far"
                                + " %.1f ms%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                        sender.sent(), sender.acceptedCount(), watcher.finals(), sender.failed(),
                        watcher.toFinal().getValueAtPercentile(99) / 1000.0), 5, 5, TimeUnit.SECONDS);
                KafkaHop.Result loadedHop;
                try {
                    sender.run(options.ratePerSecond(), options.warmUpDecisions(), options.measuredDecisions());
                    // the same tool again, on its own topic, right after the measured window while decisions go on
                    // at the same rate (unmeasured): a baseline that shares the CPUs with the broker, Redis, the
                    // services and this generator, as the pipeline's hops do. Not during the window: the tool's
                    // JVM starting and busy-polling would be load the decisions measured alone never see.
                    out.println("one Kafka hop again, while decisions go on at the same rate (not measured) ...");
                    CompletableFuture<KafkaHop.Result> loaded = new CompletableFuture<>();
                    Thread.ofPlatform().name("hop-under-load").start(() -> {
                        try {
                            loaded.complete(KafkaHop.measure(kafka.bootstrapServers(),
                                    "bench-end-to-end-latency-under-load", options.kafkaMessages(),
                                    options.messageBytes()));
                        } catch (IOException | InterruptedException | RuntimeException e) {
                            loaded.completeExceptionally(e);
                        }
                    });
                    sender.keepSending(options.ratePerSecond(),
                            options.warmUpDecisions() + options.measuredDecisions(), () -> !loaded.isDone());
                    loadedHop = loaded.get();
                    awaitEndStates(watcher, options.measuredDecisions());
                } finally {
                    progress.shutdownNow();
                }
                out.printf(Locale.ROOT, "  p50 %d ms, p99 %d ms, p99.9 %d ms,"
                        + " mean %.2f ms%n", loadedHop.p50Millis(), loadedHop.p99Millis(), loadedHop.p999Millis(),
                        loadedHop.averageMillis());
                long missing = options.measuredDecisions() - watcher.finals() - watcher.timedOut();
                String report = PipelineReport.render(options, hop, loadedHop, watcher, sender.accepted(), missing)
                        + "\nmachine at end: " + Machine.describe() + "\n";
                out.println();
                out.print(report);
                write(Path.of("benchmarks", "target", "bench-pipeline.md"), report);
            } finally {
                client.shutdown();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void awaitEndStates(FinalWatcher watcher, long measured) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (watcher.finals() + watcher.timedOut() < measured && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
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
