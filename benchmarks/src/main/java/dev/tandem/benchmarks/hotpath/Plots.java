package dev.tandem.benchmarks.hotpath;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The percentile plot of one rate: one line per target, the goals that concern the targets shown as guides. */
final class Plots {

    private Plots() {
    }

    static String atRate(int rate, Duration window, List<TargetRun> runs) {
        List<PercentilePlot.Series> series = runs.stream().map(run -> new PercentilePlot.Series(run.target().label(),
                colour(run.target()), PercentilePlot.points(run.load().latency()))).toList();
        List<PercentilePlot.Guide> guides = HotPathReport.GOALS.stream()
                .filter(goal -> runs.stream().anyMatch(run -> run.target() == goal.target()))
                .map(goal -> new PercentilePlot.Guide(String.format(Locale.ROOT, "%s goal: p99 %s ms at %,d/s",
                        goal.target().label(), HotPathReport.fmt(goal.p99Millis()), goal.rate()), goal.p99Millis()))
                .toList();
        long samples = runs.stream().mapToLong(run -> run.load().latency().getTotalCount()).max().orElse(0);
        String title = String.format(Locale.ROOT, "Hot path at %,d/s per target: latency by percentile (open loop,"
                + " %d s measured)", rate, window.toSeconds());
        return PercentilePlot.svg(title, series, guides, samples);
    }

    private static String colour(Target target) {
        return switch (target) {
            case NOOP -> "#7f7f7f";
            case FEATURES -> "#1f77b4";
            case DECISION -> "#2ca02c";
            case ALL_SYNC -> "#d62728";
            case OVERLOAD -> "#9467bd";
        };
    }
}
