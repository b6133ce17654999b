package dev.tandem.benchmarks.hotpath;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

import dev.tandem.benchmarks.CpuMeter;
import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.Machine;
import dev.tandem.benchmarks.openloop.LoadResult;
import dev.tandem.benchmarks.openloop.LoadRun;
import dev.tandem.benchmarks.platform.DecisionRequests;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.devserver.RedisServerProcess;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code ./tandem bench hotpath}: the synchronous hot path against its floors and against the all-sync design it
 * replaces, open loop, side by side in one run on one machine ({@link HotPathOptions#USAGE}). The tables are printed
 * and written to {@code benchmarks/target/bench-hotpath.md}, with a percentile plot per rate.
 */
public final class HotPathBenchmark {

    static final Duration ANSWER_DRAIN = Duration.ofSeconds(10);
    /** Long enough for the asynchronous path to work off a backlog of a few minutes' decisions on a small machine. */
    static final Duration ASYNC_DRAIN = Duration.ofMinutes(5);
    private static final Path OUTPUT = Path.of("benchmarks", "target");
    /** The name the CPU table gives redis-server. */
    static final String REDIS_SERVER = "redis-server";

    /** The load generator's threads: this main thread paces the sends (it calls {@link LoadRun#run}), the loop does I/O. */
    private static final Set<String> GENERATOR_THREADS = Set.of("main", LoadRun.IO_THREAD);

    private final HotPathOptions options;
    private final PrintStream out;
    private final Requests requests;
    private final DecisionRequests decisions;
    private final StatefulRedisConnection<String, String> redis;
    private final AsyncBacklog backlog;
    private final ApiCounts api;
    private final MeterRegistry apiMeters;
    private final Overload overload;
    private final String where;
    private final CpuMeter cpu;
    private final HeapMeter heap;

    /** What the targets measured: the overload target apart, it measures more than one run. */
    private record Runs(List<TargetRun> targets, List<OverloadRun> overloads) {
    }

    private HotPathBenchmark(HotPathOptions options, PrintStream out, HotPathPlatform platform, Requests requests,
            DecisionRequests decisions, StatefulRedisConnection<String, String> redis, ConsumerLag lag, CpuMeter cpu,
            HeapMeter heap) {
        this.options = options;
        this.out = out;
        this.requests = requests;
        this.decisions = decisions;
        this.redis = redis;
        this.backlog = platform.backlog(lag::records);
        this.api = new ApiCounts(platform.apiMeters());
        this.apiMeters = platform.apiMeters();
        this.where = platform.where();
        this.cpu = cpu;
        this.heap = heap;
        this.overload = new Overload(options, requests, api, backlog, this::resetRedis, cpu, heap, out);
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(HotPathOptions.USAGE);
            return;
        }
        HotPathOptions options;
        try {
            options = HotPathOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench hotpath: " + e.getMessage());
            System.err.println(HotPathOptions.USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        String machineAtStart = Machine.describe();
        out.println("machine at start: " + machineAtStart);
        Path dir = Files.createTempDirectory("tandem-bench-hotpath");
        try (var redis = RedisServerProcess.start(0, dir.resolve("redis"));
                var provider = ProviderSimulator.start(0, options.provider().equals("realistic")
                        ? Behaviour.realistic() : Behaviour.instant())) {
            out.println("Redis " + redis.url() + ", provider simulator " + provider.baseUrl() + "; starting Kafka and"
                    + " the services and the all-sync server ...");
            RedisClient client = RedisClient.create(redis.url());
            try (var connection = client.connect();
                    var platform = HotPathPlatform.start(options.asynchronous(), dir, redis.url(), provider.baseUrl(),
                            OUTPUT.resolve("bench-hotpath-asynchronous-half.log"), out);
                    var allSync = AllSyncContext.start(redis.url(), provider.baseUrl());
                    var allSyncServer = AllSyncServer.start(allSync.decider(), allSync.tenant());
                    var lag = new ConsumerLag(platform.bootstrapServers());
                    var heap = new HeapMeter(GENERATOR_THREADS)) {
                var decisions = new DecisionRequests(options.entities());
                var requests = new Requests(platform.apiPort(), allSyncServer.port(), decisions);
                out.println("  " + platform.where());
                var processes = new LinkedHashMap<>(platform.processes());
                processes.put(REDIS_SERVER, redis.handle());
                var bench = new HotPathBenchmark(options, out, platform, requests, decisions, connection, lag,
                        new CpuMeter(processes, platform.processes().keySet()), heap);
                bench.report(bench.runAll(), machineAtStart);
            } finally {
                client.shutdown();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private Runs runAll() throws InterruptedException {
        resetRedis();
        if (options.targets().contains(Target.DECISION) || options.targets().contains(Target.OVERLOAD)) {
            warmUpPlatform();
        }
        var runs = new ArrayList<TargetRun>();
        var overloads = new ArrayList<OverloadRun>();
        for (int rate : options.rates()) {
            for (Target target : options.targets()) {
                settle(target, rate);
                if (target == Target.OVERLOAD) {
                    overloads.add(overload.run(rate));
                } else {
                    runs.add(run(target, rate));
                }
            }
        }
        return new Runs(runs, overloads);
    }

    /** The hybrid path's topics, consumer groups, connections and JIT in place before anything is measured. */
    private void warmUpPlatform() throws InterruptedException {
        out.println("warm-up of the platform: decisions at 50/s for 5 s, then until the asynchronous path has"
                + " finished them (topics, consumer groups, connections, JIT) ...");
        if (!options.asynchronous().hybrid()) {
            LoadRun.run(requests.server(Target.DECISION), new LoadRun.Plan(50, Duration.ZERO, Duration.ofSeconds(5),
                    8, ANSWER_DRAIN), requests.of(Target.DECISION), Requests.judge(Target.DECISION), out::println);
            out.println("  done (asynchronous half off: nothing to wait for)");
            return;
        }
        AsyncBacklog.Mark mark = backlog.mark();
        ApiCounts.Snapshot before = api.snapshot();
        LoadResult warmUp = LoadRun.run(requests.server(Target.DECISION), new LoadRun.Plan(50, Duration.ZERO,
                Duration.ofSeconds(5), 8, ANSWER_DRAIN), requests.of(Target.DECISION), Requests.judge(Target.DECISION),
                out::println);
        AsyncBacklog.Drain drain = backlog.await(mark, warmUp.accepted(), api.snapshot().unpublishedSince(before),
                ASYNC_DRAIN, out::println);
        out.printf(Locale.ROOT, "  %,d accepted: %s%n", warmUp.accepted(), drain.describe());
    }

    /**
     * Runs {@code target} at {@code rate} (the overload target: its mix of priorities at the rate) in steps of {@link
     * JitSettling#STEP} until the JIT compilers of every JVM have settled over {@link JitSettling#STEPS_IN_A_ROW}
     * steps in a row ({@link JitSettling}), for at most {@code --settle-seconds} (rounded up to whole steps), so that
     * the run after it measures warm code; each step's compilers' share is printed. Decisions of the hybrid path are
     * then waited for, as after a run.
     */
    private void settle(Target target, int rate) throws InterruptedException {
        if (options.settle().isZero()) {
            return;
        }
        out.printf(Locale.ROOT, "%s at %,d/s: settling the JIT, steps of %d s until every JVM's compilers use under"
                + " %.0f %% of a core in %d steps in a row (at most %d s) ...%n", target.label(), rate,
                JitSettling.STEP.toSeconds(), 100 * JitSettling.SETTLED_SHARE, JitSettling.STEPS_IN_A_ROW,
                options.settle().toSeconds());
        LongFunction<byte[]> sends = target == Target.OVERLOAD ? requests.decisions(options.mix())
                : requests.of(target);
        ApiCounts.Snapshot before = api.snapshot();
        AsyncBacklog.Mark mark = backlog.mark();
        var step = new LoadRun.Plan(rate, Duration.ZERO, JitSettling.STEP, options.connections(), ANSWER_DRAIN);
        long end = System.nanoTime() + options.settle().toNanos();
        long accepted = 0;
        int inARow = 0;
        for (int number = 1;; number++) {
            CpuMeter.Sample from = cpu.sample();
            LoadResult load = LoadRun.run(requests.server(target), step, sends, Requests.judge(target), line -> { });
            CpuMeter.Use used = CpuMeter.between(from, cpu.sample());
            accepted += load.accepted();
            inARow = JitSettling.settled(used) ? inARow + 1 : 0;
            boolean settled = inARow >= JitSettling.STEPS_IN_A_ROW;
            out.printf(Locale.ROOT, "  step %d: %,.0f/s answered, %,d errors; the compilers' share of one core: %s%s%n",
                    number, load.achievedPerSecond(), load.errorCount(), JitSettling.describe(used),
                    settled ? ": settled" : "");
            if (settled || System.nanoTime() - end >= 0) {
                if (!settled) {
                    out.printf(Locale.ROOT, "  not settled after %d s: measuring anyway (the CPU table shows the"
                            + " JIT's share of the window)%n", options.settle().toSeconds());
                }
                break;
            }
        }
        if ((target == Target.DECISION || target == Target.OVERLOAD) && options.asynchronous().hybrid()) {
            AsyncBacklog.Drain drain = backlog.await(mark, accepted, api.snapshot().unpublishedSince(before),
                    ASYNC_DRAIN, out::println);
            out.println("  asynchronous path: " + drain.describe());
        }
    }

    private TargetRun run(Target target, int rate) throws InterruptedException {
        out.printf(Locale.ROOT, "%s at %,d/s: %d s warm-up, then %d s measured ...%n", target.label(), rate,
                options.warmUp().toSeconds(), options.window().toSeconds());
        if (target.decides()) {
            resetRedis();
        }
        ApiCounts.Snapshot before = api.snapshot();
        AsyncBacklog.Mark mark = backlog.mark();
        var plan = new LoadRun.Plan(rate, options.warmUp(), options.window(), options.connections(), ANSWER_DRAIN);
        CompletableFuture<CpuMeter.Use> used = cpu.over(options.warmUp(), options.window());
        CompletableFuture<HeapMeter.Use> allocated = heap.over(options.warmUp(), options.window());
        LoadResult load;
        String limit;
        try (AdmissionLimit admission = target.decides() ? AdmissionLimit.sample(apiMeters) : null) {
            load = LoadRun.run(requests.server(target), plan, requests.of(target), Requests.judge(target),
                    out::println);
            limit = admission == null ? null : admission.describe();
        }
        CpuMeter.Use window = used.join();
        HeapMeter.Use heapWindow = allocated.join();
        ApiCounts.Snapshot after = api.snapshot();
        OptionalDouble hits = target == Target.FEATURES || target == Target.DECISION
                ? after.hitShareSince(before) : OptionalDouble.empty();
        AsyncBacklog.Drain drain = target == Target.DECISION && options.asynchronous().hybrid() ? backlog.await(mark,
                load.accepted(), after.unpublishedSince(before), ASYNC_DRAIN, out::println) : null;
        out.printf(Locale.ROOT, "  p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; %,.0f/s answered of %,d/s;"
                + " %,d errors, %,d degraded; %,d connections opened%s%n", load.millisAt(50), load.millisAt(99),
                load.millisAt(99.9), load.latency().getMaxValue() / 1000.0, load.achievedPerSecond(), rate,
                load.errorCount(), load.degraded(), load.connections(), drain == null ? ""
                        : "; asynchronous path: " + drain.describe());
        out.println("  CPU over the measured window: " + window.describe(plan.measuredSends()));
        out.println("  heap over the measured window, this JVM: " + heapWindow.describe(plan.measuredSends()));
        if (limit != null) {
            out.println("  admission limit through the run: " + limit);
        }
        return new TargetRun(target, load, hits, drain, window, heapWindow);
    }

    /**
     * Empties Redis and loads the features again, so that each decision target starts from the same state: no
     * velocity windows, no outcomes. Run only once the asynchronous path has finished (it waits for that).
     */
    private void resetRedis() {
        long start = System.nanoTime();
        redis.sync().flushdb();
        FeatureStore features = new RedisFeatureStore(redis.async());
        decisions.loadFeatures(features);
        out.printf(Locale.ROOT, "  Redis emptied, features of %,d entities and 40 merchants loaded (%.1f s)%n",
                decisions.entities(), (System.nanoTime() - start) / 1e9);
    }

    private void report(Runs runs, String machineAtStart) throws IOException {
        var plots = new ArrayList<String>();
        Files.createDirectories(OUTPUT);
        for (int rate : options.rates()) {
            List<TargetRun> atRate = runs.targets().stream().filter(run -> run.rate() == rate).toList();
            if (!atRate.isEmpty()) {
                String name = "bench-hotpath-" + rate + ".svg";
                Files.writeString(OUTPUT.resolve(name), Plots.atRate(rate, options.window(), atRate));
                plots.add(name);
            }
        }
        for (OverloadRun run : runs.overloads()) {
            String name = "bench-hotpath-overload-" + run.rate() + ".svg";
            Files.writeString(OUTPUT.resolve(name), OverloadReport.plot(run, options.window()));
            plots.add(name);
        }
        String setup = String.format(Locale.ROOT, "Hot path, open loop: %s/s; each run %s, then %d s warm-up, then %d s"
                + " measured; %d keep-alive connections; payment-risk (%s) over %,d entities and"
                + " 40 merchants; IP-reputation provider simulator %s. Processes (--asynchronous %s): %s.%n%n"
                + "machine at start: %s%nmachine at end: %s%n%n%s", String.join(", ", options.rates()
                        .stream().map(rate -> String.format(Locale.ROOT, "%,d", rate)).toList()),
                options.settle().isZero() ? "without settling the JIT first (--settle-seconds 0)"
                        : String.format(Locale.ROOT, "at its rate until the JIT settled (every JVM's compilers under"
                                + " %.0f %% of a core in %d steps of %d s in a row; at most %d s)",
                                100 * JitSettling.SETTLED_SHARE, JitSettling.STEPS_IN_A_ROW,
                                JitSettling.STEP.toSeconds(), options.settle().toSeconds()),
                options.warmUp().toSeconds(), options.window().toSeconds(), options.connections(),
                options.asynchronous().hybrid() ? String.join(", ", HotPathPlatform.ENRICHERS)
                        : "no enrichers: --asynchronous off, the decision target is the synchronous path alone, not"
                                + " the hybrid",
                options.entities(), options.provider().equals("realistic")
                        ? "realistic (15 ms plus a 10 ms mean tail, 1 % 503)" : "instant (at once, never failing)",
                options.asynchronous().label(), where, machineAtStart, Machine.describe(), targets());
        String report = HotPathReport.markdown(setup, runs.targets(), runs.overloads(), plots);
        out.println();
        out.print(report);
        Files.writeString(OUTPUT.resolve("bench-hotpath.md"), report);
        out.println("\nwritten to " + OUTPUT.resolve("bench-hotpath.md") + " and " + String.join(", ", plots));
    }

    private String targets() {
        var text = new StringBuilder("Targets:\n\n");
        options.targets().forEach(target -> text.append("- ").append(target.label()).append(": ")
                .append(target.what()).append('\n'));
        return text.toString().strip();
    }
}
