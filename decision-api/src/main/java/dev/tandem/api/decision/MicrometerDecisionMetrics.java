package dev.tandem.api.decision;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code tandem.feature.age} by flow and feature group (a histogram from a millisecond to a month) and
 * {@code tandem.decision.logged.only} by flow.
 */
final class MicrometerDecisionMetrics implements DecisionService.DecisionMetrics {

    private final MeterRegistry meters;
    private final Map<String, Timer> ages = new ConcurrentHashMap<>();

    MicrometerDecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void featureAge(String flow, String group, Duration age) {
        ages.computeIfAbsent(flow + '\u0000' + group, key -> Timer.builder(MetricNames.FEATURE_AGE)
                .tag(MetricNames.TAG_FLOW, flow).tag(MetricNames.TAG_FEATURE_GROUP, group)
                .description("age of a feature group (its event time to the decision) when a decision used it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofDays(30)).register(meters)).record(age);
    }

    @Override
    public void loggedOnly(String flow) {
        meters.counter(MetricNames.DECISION_LOGGED_ONLY, MetricNames.TAG_FLOW, flow).increment();
    }
}
