package dev.tandem.benchmarks.hotpath;

import java.util.OptionalDouble;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

/** decision-api's in-process feature cache (L1): its hits and misses, from its own counters. */
final class FeatureCacheCounts {

    /** The counts at one moment. */
    record Snapshot(double hits, double misses) {

        /** The share of L1 reads since {@code before} that were hits; empty when there were none. */
        OptionalDouble hitShareSince(Snapshot before) {
            double h = hits - before.hits();
            double m = misses - before.misses();
            return h + m <= 0 ? OptionalDouble.empty() : OptionalDouble.of(h / (h + m));
        }
    }

    private final MeterRegistry api;

    FeatureCacheCounts(MeterRegistry api) {
        this.api = api;
    }

    Snapshot snapshot() {
        return new Snapshot(count("hit"), count("miss"));
    }

    private double count(String result) {
        return Search.in(api).name(MetricNames.FEATURE_CACHE_REQUESTS).tag(MetricNames.TAG_TIER, "l1")
                .tag(MetricNames.TAG_RESULT, result).counters().stream().mapToDouble(Counter::count).sum();
    }
}
