package dev.tandem.blender.merge;

import java.time.Duration;
import java.time.Instant;

import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The staleness and consistency metrics of ARCHITECTURE.md that the blender owns. */
public final class BlenderMetrics {

    private final MeterRegistry meters;

    public BlenderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void applied(Outcome before, Outcome after, String enricher, Instant now) {
        timer(MetricNames.ENRICHMENT_LAG, MetricNames.TAG_ENRICHER, enricher)
                .record(Duration.between(before.createdAt(), now));
        if (after.isFinal()) {
            finalised(after, now);
        }
    }

    /** An outcome reached FINAL, TIMED_OUT or AMENDED at {@code now}. */
    public void finalised(Outcome after, Instant now) {
        Timer.builder(MetricNames.OUTCOME_TIME_TO_FINAL)
                .tag(MetricNames.TAG_FLOW, after.flow())
                .tag(MetricNames.TAG_STATUS, after.status().name())
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.between(after.createdAt(), now));
        meters.counter(MetricNames.OUTCOME_FINALISED, MetricNames.TAG_FLOW, after.flow(), MetricNames.TAG_STATUS,
                after.status().name(), MetricNames.TAG_IN_TIME, Boolean.toString(!now.isAfter(after.deadline())))
                .increment();
        if (after.verdict() != after.provisionalVerdict()) {
            meters.counter(MetricNames.OUTCOME_FLIPS, MetricNames.TAG_FLOW, after.flow(), MetricNames.TAG_FROM,
                    after.provisionalVerdict().name(), MetricNames.TAG_TO, after.verdict().name()).increment();
        }
    }

    /**
     * Registers the counters of rare events (duplicates and late results for every enricher the flows require,
     * flips for every flow and pair of different verdicts) at 0, so a dashboard shows a 0 from the start instead
     * of no series until the first one happens.
     */
    public void startAtZero(Flows flows) {
        for (String name : flows.names()) {
            for (String enricher : flows.find(name).orElseThrow().definition().requiredEnrichers()) {
                meters.counter(MetricNames.OUTCOME_DUPLICATES, MetricNames.TAG_ENRICHER, enricher);
                meters.counter(MetricNames.OUTCOME_LATE_RESULTS, MetricNames.TAG_ENRICHER, enricher);
            }
            for (Verdict from : Verdict.values()) {
                for (Verdict to : Verdict.values()) {
                    if (from != to) {
                        meters.counter(MetricNames.OUTCOME_FLIPS, MetricNames.TAG_FLOW, name, MetricNames.TAG_FROM,
                                from.name(), MetricNames.TAG_TO, to.name());
                    }
                }
            }
        }
    }

    void duplicate(String enricher) {
        meters.counter(MetricNames.OUTCOME_DUPLICATES, MetricNames.TAG_ENRICHER, enricher).increment();
    }

    void late(String enricher) {
        meters.counter(MetricNames.OUTCOME_LATE_RESULTS, MetricNames.TAG_ENRICHER, enricher).increment();
    }

    private Timer timer(String name, String tag, String value) {
        return Timer.builder(name).tag(tag, value).publishPercentileHistogram().register(meters);
    }
}
