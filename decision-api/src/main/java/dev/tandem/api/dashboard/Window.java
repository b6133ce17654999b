package dev.tandem.api.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Two looks at every source, the one before and the latest: counters become increases and rates over the time
 * between them (as PromQL's {@code rate} over that window), cumulative histogram buckets become quantiles (as
 * {@code histogram_quantile} over {@code sum by (le, ...)} of the bucket rates), gauges are read from the latest
 * look. A counter lower than before was reset (its service restarted): its increase is its new value. A series
 * absent before, from a source that was up, was born in between and counts from 0. A source down at either look,
 * or with no look before, contributes no increases. Immutable.
 */
final class Window {

    /** Groups every sample into one group, named {@code ""}. */
    static final Function<Sample, String> ALL = sample -> "";

    private final Map<String, Scrape> before;
    private final Map<String, Scrape> latest;

    /** @param before the look before each source's latest, by source; sources without one are missing */
    Window(Map<String, Scrape> before, Map<String, Scrape> latest) {
        this.before = Map.copyOf(before);
        this.latest = Map.copyOf(latest);
    }

    /** Seconds between a source's two looks, or {@code null} when it cannot be compared (no look before, or down). */
    @Nullable Double seconds(String source) {
        Scrape now = latest.get(source);
        Scrape then = before.get(source);
        if (now == null || then == null || !now.isUp() || !then.isUp()) {
            return null;
        }
        double seconds = Duration.between(then.at(), now.at()).toNanos() / 1e9;
        return seconds > 0 ? seconds : null;
    }

    /**
     * Per-second increase of the counter series named {@code name} (the full name, {@code ..._total}), summed by
     * group; a group is {@code null} when none of its series could be compared. Groups are sorted by name.
     */
    Map<String, @Nullable Double> rate(String name, Function<Sample, String> groupBy) {
        var sums = new TreeMap<String, @Nullable Double>();
        for (Scrape scrape : latest.values()) {
            Double seconds = seconds(scrape.source());
            Map<Map<String, String>, Double> then = seconds == null ? Map.of() : values(before.get(scrape.source()), name);
            for (Sample sample : scrape.samples()) {
                if (!sample.name().equals(name)) {
                    continue;
                }
                String group = groupBy.apply(sample);
                Double sum = sums.get(group);
                if (seconds == null) {
                    sums.putIfAbsent(group, null);
                } else {
                    double rate = increase(then.getOrDefault(sample.labels(), 0.0), sample.value()) / seconds;
                    sums.put(group, sum == null ? rate : sum + rate);
                }
            }
        }
        return sums;
    }

    /**
     * The {@code q}-quantile (0 to 1) of the observations that fell between the two looks into the histogram whose
     * cumulative bucket series is {@code bucketName} ({@code ..._bucket}, with an {@code le} label), by group; a
     * group is {@code null} when nothing was observed in it or it could not be compared.
     */
    Map<String, @Nullable Double> quantile(double q, String bucketName, Function<Sample, String> groupBy) {
        var quantiles = new TreeMap<String, @Nullable Double>();
        bucketRates(bucketName, groupBy).forEach((group, buckets) ->
                quantiles.put(group, buckets == null ? null : Histograms.quantile(q, buckets)));
        return quantiles;
    }

    /** The latest value of the gauge series named {@code name}, the largest per group, from the sources up. */
    Map<String, Double> gaugeMax(String name, Function<Sample, String> groupBy) {
        var max = new TreeMap<String, Double>();
        for (Scrape scrape : latest.values()) {
            for (Sample sample : scrape.samples()) {
                if (sample.name().equals(name) && !Double.isNaN(sample.value())) {
                    max.merge(groupBy.apply(sample), sample.value(), Math::max);
                }
            }
        }
        return max;
    }

    /**
     * Whether a source that publishes {@code name} now can be compared with its look before: then a counter of
     * that source that is missing (registered at its first event) has not moved, rather than being unknown.
     */
    boolean comparable(String name) {
        return latest.values().stream().anyMatch(scrape -> seconds(scrape.source()) != null
                && scrape.samples().stream().anyMatch(sample -> sample.name().equals(name)));
    }

    private Map<String, @Nullable TreeMap<Double, Double>> bucketRates(String bucketName,
            Function<Sample, String> groupBy) {
        var groups = new HashMap<String, @Nullable TreeMap<Double, Double>>();
        for (Scrape scrape : latest.values()) {
            Double seconds = seconds(scrape.source());
            Map<Map<String, String>, Double> then = seconds == null ? Map.of()
                    : values(before.get(scrape.source()), bucketName);
            for (Sample sample : scrape.samples()) {
                if (!sample.name().equals(bucketName) || !sample.labels().containsKey("le")) {
                    continue;
                }
                String group = groupBy.apply(sample);
                if (seconds == null) {
                    groups.putIfAbsent(group, null);
                    continue;
                }
                TreeMap<Double, Double> buckets = groups.get(group);
                if (buckets == null) {
                    buckets = new TreeMap<>();
                    groups.put(group, buckets);
                }
                double rate = increase(then.getOrDefault(sample.labels(), 0.0), sample.value()) / seconds;
                buckets.merge(PrometheusText.value(sample.label("le")), rate, Double::sum);
            }
        }
        return groups;
    }

    /** The increase of a counter from {@code then} to {@code now}; a drop is a reset, from 0. */
    static double increase(double then, double now) {
        return now >= then ? now - then : now;
    }

    private static Map<Map<String, String>, Double> values(Scrape scrape, String name) {
        var values = new HashMap<Map<String, String>, Double>();
        for (Sample sample : scrape.samples()) {
            if (sample.name().equals(name)) {
                values.put(sample.labels(), sample.value());
            }
        }
        return values;
    }

    /** The sources of the latest looks, for tests and the snapshot. */
    List<Scrape> latest() {
        return new ArrayList<>(latest.values());
    }
}
