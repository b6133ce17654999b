package dev.tandem.benchmarks.merge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.tandem.benchmarks.Machine;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.devserver.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * {@code ./tandem bench merge}: starts a redis-server on a free port, creates {@code --outcomes} outcomes, then
 * measures results per second of each {@link MergePaths path} at each number of callers, and prints the table of
 * docs/benchmarks.md (also written to {@code benchmarks/target/bench-merge.md}).
 *
 * <p>Options: {@code --outcomes N} (20000), {@code --callers 1,4,16}, {@code --warmup-seconds S} (2),
 * {@code --seconds S} (5, the measured window of each row).
 */
public final class MergeBenchmark {

    private MergeBenchmark() {
    }

    static final String USAGE = "./tandem bench merge [--outcomes 20000] [--callers 1,4,16] [--warmup-seconds 2]"
            + " [--seconds 5] [--chained]";

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        var options = MergeOptions.parse(args);
        PrintStream out = System.out;
        out.println("machine at start: " + Machine.describe());
        Path dir = Files.createTempDirectory("tandem-bench-merge");
        try (var redis = RedisServerProcess.start(0, dir)) {
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisAsyncCommands<String, String> async = connection.async();
                var store = new RedisOutcomeStore(async, Duration.ofHours(1));
                out.println("redis-server " + redis.url() + " (pid " + redis.pid() + "); creating "
                        + options.outcomes() + " outcomes ...");
                List<Outcome> created = create(store, options.outcomes());
                var cpu = new CpuClock(redis.pid());
                List<MergePath> paths = MergePaths.all(async, store, created);
                var calls = new HashMap<MergePath, AtomicLong>();
                out.println("JIT warm-up: each path for " + options.warmUp().toSeconds() + " s at 4 callers ...");
                for (MergePath path : paths) {
                    calls.put(path, new AtomicLong());
                    CallerRun.measure(path, calls.get(path), 4, Duration.ZERO, options.warmUp(), cpu, options.chained());
                }
                var results = new ArrayList<CallerRun.Result>();
                for (MergePath path : paths) {
                    for (int callers : options.callers()) {
                        var result = CallerRun.measure(path, calls.get(path), callers, options.warmUp(),
                                options.window(), cpu, options.chained());
                        out.printf(Locale.ROOT, "  %-40s %2d callers: %,9.0f results/s  (%d not applied, %d failed)%n",
                                result.path(), callers, result.perSecond(), result.notApplied(), result.failures());
                        results.add(result);
                    }
                }
                String table = MergeReport.table(results, options) + "\nmachine at end: " + Machine.describe() + "\n";
                out.println();
                out.print(table);
                write(Path.of("benchmarks", "target", "bench-merge.md"), table);
            } finally {
                client.shutdown();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static List<Outcome> create(RedisOutcomeStore store, int count) {
        var outcomes = new ArrayList<Outcome>(count);
        var pending = new ArrayList<CompletableFuture<?>>();
        for (int i = 0; i < count; i++) {
            Outcome outcome = Outcomes.provisional("bench-" + i);
            outcomes.add(outcome);
            pending.add(store.create(outcome).toCompletableFuture());
            if (pending.size() == 1000) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return List.copyOf(outcomes);
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
