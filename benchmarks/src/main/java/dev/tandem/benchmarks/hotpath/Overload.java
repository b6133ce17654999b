package dev.tandem.benchmarks.hotpath;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import dev.tandem.benchmarks.CpuMeter;
import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.openloop.LoadResult;
import dev.tandem.benchmarks.openloop.LoadRun;
import org.HdrHistogram.Histogram;

/**
 * Runs the overload target ({@link OverloadRun}): CRITICAL decisions alone at the rate, then the mix at three times
 * it, each phase from an emptied Redis and followed by the wait for the asynchronous path, as the hybrid decision's
 * run is.
 */
final class Overload {

    private final HotPathOptions options;
    private final Requests requests;
    private final ApiCounts api;
    private final AsyncBacklog backlog;
    private final Runnable resetRedis;
    private final CpuMeter cpu;
    private final HeapMeter heap;
    private final PrintStream out;

    Overload(HotPathOptions options, Requests requests, ApiCounts api, AsyncBacklog backlog, Runnable resetRedis,
            CpuMeter cpu, HeapMeter heap, PrintStream out) {
        this.options = options;
        this.requests = requests;
        this.api = api;
        this.backlog = backlog;
        this.resetRedis = resetRedis;
        this.cpu = cpu;
        this.heap = heap;
        this.out = out;
    }

    OverloadRun run(int rate) throws InterruptedException {
        OverloadRun.Phase unloaded = phase("CRITICAL alone", rate, Mix.ALL_CRITICAL);
        OverloadRun.Phase loaded = phase(options.mix().describe(), OverloadRun.FACTOR * rate, options.mix());
        return new OverloadRun(rate, options.mix(), unloaded, loaded);
    }

    private OverloadRun.Phase phase(String what, int rate, Mix mix) throws InterruptedException {
        out.printf(Locale.ROOT, "overload, %s, at %,d/s: %d s warm-up, then %d s measured ...%n", what, rate,
                options.warmUp().toSeconds(), options.window().toSeconds());
        resetRedis.run();
        ApiCounts.Snapshot before = api.snapshot();
        AsyncBacklog.Mark mark = backlog.mark();
        var tally = new PriorityTally(mix);
        var plan = new LoadRun.Plan(rate, options.warmUp(), options.window(), options.connections(),
                HotPathBenchmark.ANSWER_DRAIN);
        CompletableFuture<CpuMeter.Use> used = cpu.over(options.warmUp(), options.window());
        CompletableFuture<HeapMeter.Use> allocated = heap.over(options.warmUp(), options.window());
        LoadResult load = LoadRun.run(requests.server(Target.OVERLOAD), plan, requests.decisions(mix),
                Requests.judge(Target.OVERLOAD), tally, out::println);
        CpuMeter.Use window = used.join();
        HeapMeter.Use heapWindow = allocated.join();
        // accepted: the admitted decisions (a refusal is a failure to the judge), warm-up included
        AsyncBacklog.Drain drain = options.asynchronous().hybrid() ? backlog.await(mark, load.accepted(),
                api.snapshot().unpublishedSince(before), HotPathBenchmark.ASYNC_DRAIN, out::println)
                : AsyncBacklog.Drain.NONE;
        var phase = new OverloadRun.Phase(load, tally.answers(plan.warmUpSends(), plan.measuredSends()), drain,
                heapWindow);
        for (PriorityTally.Answers answers : phase.answers()) {
            out.println("  " + describe(answers));
        }
        out.println("  asynchronous path: " + drain.describe());
        out.println("  CPU over the measured window: " + window.describe(plan.measuredSends()));
        out.println("  heap over the measured window, this JVM: " + heapWindow.describe(plan.measuredSends()));
        ApiCounts.Snapshot after = api.snapshot();
        after.refusalMicrosSince(before).ifPresent(micros -> out.printf(Locale.ROOT,
                "  refusals inside decision-api (its http.server.requests timer, 503 and 429, warm-up included): "
                        + "%,d, mean %.0f µs from arrival to answer%n", after.refusedSince(before), micros));
        return phase;
    }

    /** One priority's line of progress: admitted and shed, each with its latencies. */
    static String describe(PriorityTally.Answers answers) {
        return String.format(Locale.ROOT, "%s: %,d sent, %,d admitted (%s), %,d shed (%s), %,d failed",
                answers.priority(), answers.sent(), answers.admittedCount(), latencies(answers.admitted()),
                answers.shedCount(), latencies(answers.shed()), answers.sent() - answers.admittedCount()
                        - answers.shedCount());
    }

    private static String latencies(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", micros.getValueAtPercentile(50)
                / 1000.0, micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }
}
