package dev.tandem.benchmarks.hotpath;

import java.util.OptionalDouble;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

/**
 * decision-api's own counters the report needs: its in-process feature cache's (L1) hits and misses, and the decisions
 * whose {@code DecisionMade} could not be published (those stay provisional: the asynchronous path never sees them).
 */
final class ApiCounts {

    /** The counts at one moment. */
    record Snapshot(double hits, double misses, double unpublished) {

        /** The share of L1 reads since {@code before} that were hits; empty when there were none. */
        OptionalDouble hitShareSince(Snapshot before) {
            double h = hits - before.hits();
            double m = misses - before.misses();
            return h + m <= 0 ? OptionalDouble.empty() : OptionalDouble.of(h / (h + m));
        }

        /** Decisions since {@code before} whose publish failed. */
        long unpublishedSince(Snapshot before) {
            return Math.round(unpublished - before.unpublished());
        }
    }

    private final MeterRegistry api;

    ApiCounts(MeterRegistry api) {
        this.api = api;
    }

    Snapshot snapshot() {
        return new Snapshot(cache("hit"), cache("miss"), sum(Search.in(api).name(MetricNames.DECISION_PUBLISH_FAILURES)));
    }

    private double cache(String result) {
        return sum(Search.in(api).name(MetricNames.FEATURE_CACHE_REQUESTS).tag(MetricNames.TAG_TIER, "l1")
                .tag(MetricNames.TAG_RESULT, result));
    }

    private static double sum(Search search) {
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
