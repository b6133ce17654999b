package dev.tandem.benchmarks.hotpath;

import java.util.Collection;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;

/**
 * decision-api's own counters the report needs: its in-process feature cache's (L1) hits and misses, the decisions
 * whose {@code DecisionMade} could not be published (those stay provisional: the asynchronous path never sees them),
 * and the decisions admission refused with the time the server spent on them.
 */
final class ApiCounts {

    /**
     * The counts at one moment.
     *
     * @param refused decisions refused by admission (503, 429), as decision-api's own request timer counts them
     * @param refusedSeconds the time decision-api spent on those, from the request's arrival to its answer
     */
    record Snapshot(double hits, double misses, double unpublished, long refused, double refusedSeconds) {

        /** The share of L1 reads since {@code before} that were hits; empty when there were none. */
        OptionalDouble hitShareSince(Snapshot before) {
            double h = hits - before.hits();
            double m = misses - before.misses();
            return h + m <= 0 ? OptionalDouble.empty() : OptionalDouble.of(h / (h + m));
        }

        /**
         * The mean time decision-api spent on a refused decision since {@code before} (µs), inside the server: what
         * a refusal costs, without the waits for a connection and a core that the load generator's latency
         * includes; empty when none was refused.
         */
        OptionalDouble refusalMicrosSince(Snapshot before) {
            long count = refused - before.refused();
            return count <= 0 ? OptionalDouble.empty()
                    : OptionalDouble.of((refusedSeconds - before.refusedSeconds()) * 1e6 / count);
        }

        /** Decisions refused since {@code before}, as decision-api counts them. */
        long refusedSince(Snapshot before) {
            return refused - before.refused();
        }

        /** Decisions since {@code before} whose publish failed. */
        long unpublishedSince(Snapshot before) {
            return Math.round(unpublished - before.unpublished());
        }
    }

    /** Spring's timer of every request a server answered, tagged by uri, method and status. */
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private final MeterRegistry api;

    ApiCounts(MeterRegistry api) {
        this.api = api;
    }

    Snapshot snapshot() {
        Collection<Timer> refusals = Search.in(api).name(HTTP_SERVER_REQUESTS).tag("uri", "/v1/decisions")
                .tag("method", "POST").tag("status", status -> status.equals("503") || status.equals("429")).timers();
        return new Snapshot(cache("hit"), cache("miss"), sum(Search.in(api).name(MetricNames.DECISION_PUBLISH_FAILURES)),
                refusals.stream().mapToLong(Timer::count).sum(),
                refusals.stream().mapToDouble(timer -> timer.totalTime(TimeUnit.SECONDS)).sum());
    }

    private double cache(String result) {
        return sum(Search.in(api).name(MetricNames.FEATURE_CACHE_REQUESTS).tag(MetricNames.TAG_TIER, "l1")
                .tag(MetricNames.TAG_RESULT, result));
    }

    private static double sum(Search search) {
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
