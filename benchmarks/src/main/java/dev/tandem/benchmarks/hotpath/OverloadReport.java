package dev.tandem.benchmarks.hotpath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.schemas.event.Priority;
import org.HdrHistogram.Histogram;

/** The markdown, goal line and plot of the overload runs ({@link OverloadRun}). */
final class OverloadReport {

    static final String GOAL = "at 3 × the sustainable rate, admitted CRITICAL decisions keep their p99 within 2 × the"
            + " unloaded p99, and shed requests are answered fast";

    private OverloadReport() {
    }

    /** The section: one row for the unloaded baseline, one per priority under overload and one for all of them. */
    static String markdown(List<OverloadRun> runs) {
        var text = new StringBuilder("\nOverload: CRITICAL decisions alone at the sustainable rate, then ")
                .append(OverloadRun.FACTOR).append(" × that rate with a mix of priorities (decision-api's admission:"
                        + " BULK may fill half of the adaptive concurrency limit, STANDARD 85 %, CRITICAL all of it;"
                        + " a refused decision is answered 503 with Retry-After). Latency in ms from each decision's"
                        + " due time (coordinated omission corrected), admitted and shed answers apart; failed:"
                        + " another status, an I/O error, no answer, or never sent.\n\n");
        text.append("| phase | priority | rate /s | sent | admitted | shed | failed | admitted p50 | admitted p99"
                + " | admitted p99.9 | admitted max | shed p50 | shed p99 | shed max | asynchronous path after the"
                + " run |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (OverloadRun run : runs) {
            PriorityTally.Answers baseline = run.unloaded().of(Priority.CRITICAL);
            text.append(row("unloaded", "CRITICAL", run.rate(), baseline.sent(), baseline.admitted(),
                    baseline.shed(), run.unloaded().drain().describe()));
            OverloadRun.Phase loaded = run.loaded();
            int loadedRate = OverloadRun.FACTOR * run.rate();
            var all = new Histogram(3);
            for (PriorityTally.Answers answers : loaded.answers()) {
                all.add(answers.admitted());
                text.append(row(OverloadRun.FACTOR + " ×", answers.priority().toString(),
                        loadedRate * run.mix().percents().get(answers.priority()) / 100.0, answers.sent(),
                        answers.admitted(), answers.shed(), "—"));
            }
            text.append(row(OverloadRun.FACTOR + " ×", "all", loadedRate, loaded.sent(), all, loaded.shedLatency(),
                    loaded.drain().describe()));
        }
        text.append('\n');
        for (OverloadRun run : runs) {
            text.append(String.format(Locale.ROOT, "CRITICAL admitted at %,d/s (%s) ÷ alone at %,d/s: p50 %s, p99 %s,"
                    + " p99.9 %s.%n", OverloadRun.FACTOR * run.rate(), run.mix().describe(), run.rate(),
                    ratio(run, 50), ratio(run, 99), ratio(run, 99.9)));
            text.append(String.format(Locale.ROOT, "The collector in the measured windows (the JVM of decision-api"
                    + " and the generator): alone %s; at %,d/s %s.%n", pauses(run.unloaded().heap()),
                    OverloadRun.FACTOR * run.rate(), pauses(run.loaded().heap())));
            failures(run, text);
        }
        return text.toString();
    }

    private static String row(String phase, String priority, double rate, long sent, Histogram admitted,
            Histogram shed, String async) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %s | %s | %s"
                + " | %s |%n", phase, priority, rate(rate), sent, admitted.getTotalCount(), shed.getTotalCount(),
                sent - admitted.getTotalCount() - shed.getTotalCount(), ms(admitted, 50), ms(admitted, 99),
                ms(admitted, 99.9), max(admitted), ms(shed, 50), ms(shed, 99), max(shed), async);
    }

    /** For example {@code 3 pauses, 10.0–24.0 ms, 52 ms in all}: each pause holds every answer due in it. */
    static String pauses(HeapMeter.Use heap) {
        if (heap.pauses().isEmpty()) {
            return "no pause";
        }
        Duration shortest = heap.pauses().stream().map(HeapMeter.Pause::duration).min(Duration::compareTo)
                .orElseThrow();
        return String.format(Locale.ROOT, "%d %s, %.1f–%.1f ms, %.0f ms in all", heap.pauses().size(),
                heap.pauses().size() == 1 ? "pause" : "pauses", shortest.toNanos() / 1e6,
                heap.longestPause().toNanos() / 1e6, heap.paused().toNanos() / 1e6);
    }

    /** The failures of either phase that are not refusals, by kind. */
    private static void failures(OverloadRun run, StringBuilder text) {
        var kinds = new ArrayList<String>();
        for (var phase : List.of(run.unloaded(), run.loaded())) {
            phase.load().errors().forEach((kind, count) -> {
                if (!kind.equals("HTTP 503") && !kind.equals("HTTP 429")) {
                    kinds.add(String.format(Locale.ROOT, "%s at %,d/s × %,d", kind, phase.load().intendedPerSecond(),
                            count));
                }
            });
        }
        if (!kinds.isEmpty()) {
            text.append("Failures other than refusals: ").append(String.join("; ", kinds)).append(".\n");
        }
    }

    /** Loaded ÷ unloaded admitted CRITICAL latency at {@code percentile}, or a dash without samples. */
    static String ratio(OverloadRun run, double percentile) {
        double loaded = run.loadedMillis(percentile);
        double unloaded = run.unloadedMillis(percentile);
        return Double.isNaN(loaded) || Double.isNaN(unloaded) || unloaded <= 0 ? "—"
                : String.format(Locale.ROOT, "%.2f× (%.2f ÷ %.2f ms)", loaded / unloaded, loaded, unloaded);
    }

    /**
     * The goal line of each run: met, NOT met, or open when the run cannot say (the rate given was not sustainable,
     * or three times it shed nothing, so it was not the sustainable rate either). Shed answers count as fast when
     * their p99 is no more than the unloaded CRITICAL p99: a refusal does no work, so even on the overloaded platform
     * it should come back no slower than a whole decision on the unloaded one.
     */
    static List<String> judge(List<OverloadRun> runs) {
        if (runs.isEmpty()) {
            return List.of(GOAL + ": not measured (no overload run: --targets overload)");
        }
        return runs.stream().map(OverloadReport::judge).toList();
    }

    private static String judge(OverloadRun run) {
        OverloadRun.Phase loaded = run.loaded();
        PriorityTally.Answers critical = loaded.of(Priority.CRITICAL);
        double unloadedP99 = run.unloadedMillis(99);
        double loadedP99 = run.loadedMillis(99);
        double shedP99 = OverloadRun.millis(loaded.shedLatency(), 99);
        String facts = String.format(Locale.ROOT, "%,d/s → %,d/s: CRITICAL admitted p99 %s; %,d of %,d CRITICAL shed;"
                + " %,d of %,d decisions shed, p99 %s ms, max %s ms", run.rate(), OverloadRun.FACTOR * run.rate(),
                ratio(run, 99), critical.shedCount(), critical.sent(), loaded.shed(), loaded.sent(), num(shedP99),
                num(loaded.shed() == 0 ? Double.NaN : loaded.shedLatency().getMaxValue() / 1000.0));
        String verdict;
        if (!run.unloaded().sustained()) {
            verdict = String.format(Locale.ROOT, "open: %,d/s was not sustainable (%,d shed, %,d failed, %,.0f/s"
                    + " answered); give a lower --rate", run.rate(), run.unloaded().shed(), run.unloaded().failed(),
                    run.unloaded().load().achievedPerSecond());
        } else if (critical.admittedCount() == 0) {
            verdict = "**NOT met**: no CRITICAL decision was admitted";
        } else if (loaded.shed() == 0) {
            verdict = String.format(Locale.ROOT, "open: nothing was shed at %,d/s, so %,d/s is below the sustainable"
                    + " rate; give a higher --rate", OverloadRun.FACTOR * run.rate(), run.rate());
        } else {
            boolean kept = loadedP99 <= OverloadRun.MAX_RATIO * unloadedP99;
            boolean fast = shedP99 <= unloadedP99;
            var misses = new ArrayList<String>();
            if (!kept) {
                misses.add("CRITICAL p99 above " + HotPathReport.fmt(OverloadRun.MAX_RATIO) + " × unloaded");
            }
            if (!fast) {
                misses.add("shed p99 above the unloaded CRITICAL p99");
            }
            verdict = misses.isEmpty() ? "**met**" : "**NOT met** (" + String.join("; ", misses) + ")";
        }
        return GOAL + ": " + verdict + " — " + facts;
    }

    /** The percentile plot of one overload run: CRITICAL alone, each priority admitted under overload, the shed. */
    static String plot(OverloadRun run, Duration window) {
        var series = new ArrayList<PercentilePlot.Series>();
        series.add(series(String.format(Locale.ROOT, "CRITICAL alone, %,d/s", run.rate()), "#2ca02c",
                run.unloaded().of(Priority.CRITICAL).admitted()));
        for (PriorityTally.Answers answers : run.loaded().answers()) {
            series.add(series(answers.priority() + " admitted, " + OverloadRun.FACTOR + " ×",
                    colour(answers.priority()), answers.admitted()));
        }
        series.add(series("shed, " + OverloadRun.FACTOR + " ×", "#7f7f7f", run.loaded().shedLatency()));
        List<PercentilePlot.Series> drawn = series.stream().filter(s -> !s.points().isEmpty()).toList();
        double unloadedP99 = run.unloadedMillis(99);
        List<PercentilePlot.Guide> guides = Double.isNaN(unloadedP99) ? List.of() : List.of(new PercentilePlot.Guide(
                String.format(Locale.ROOT, "goal: CRITICAL p99 ≤ %.2f ms", OverloadRun.MAX_RATIO * unloadedP99),
                OverloadRun.MAX_RATIO * unloadedP99));
        long samples = run.loaded().answers().stream().mapToLong(a -> a.admitted().getTotalCount()).max().orElse(0);
        String title = String.format(Locale.ROOT, "Overload: %,d/s (%s) against CRITICAL alone at %,d/s (open loop,"
                + " %d s measured)", OverloadRun.FACTOR * run.rate(), run.mix().describe(), run.rate(),
                window.toSeconds());
        return PercentilePlot.svg(title, drawn, guides, samples);
    }

    private static PercentilePlot.Series series(String name, String colour, Histogram micros) {
        return new PercentilePlot.Series(name, colour, micros.getTotalCount() == 0 ? List.of()
                : PercentilePlot.points(micros));
    }

    private static String colour(Priority priority) {
        return switch (priority) {
            case CRITICAL -> "#d62728";
            case STANDARD -> "#1f77b4";
            case BULK -> "#ff7f0e";
        };
    }

    private static String rate(double rate) {
        return rate == Math.rint(rate) ? String.format(Locale.ROOT, "%,.0f", rate)
                : String.format(Locale.ROOT, "%,.1f", rate);
    }

    private static String ms(Histogram micros, double percentile) {
        return num(OverloadRun.millis(micros, percentile));
    }

    private static String max(Histogram micros) {
        return micros.getTotalCount() == 0 ? "—" : num(micros.getMaxValue() / 1000.0);
    }

    private static String num(double millis) {
        return Double.isNaN(millis) ? "—" : String.format(Locale.ROOT, "%.2f", millis);
    }
}
