package dev.tandem.workers.ipreputation;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One provider's meters: calls by outcome ({@code tandem.external.calls}), their durations by outcome
 * ({@code tandem.external.call.duration}, a percentile histogram) and the circuit's state ({@code tandem.circuit.state}:
 * 0 closed, 1 half-open, 2 open). All registered up front, so every outcome shows from the start, at 0.
 */
final class ProviderMetrics {

    private final Map<CallOutcome, Counter> calls = new EnumMap<>(CallOutcome.class);
    private final Map<CallOutcome, Timer> durations = new EnumMap<>(CallOutcome.class);

    ProviderMetrics(MeterRegistry meters, String provider, CircuitBreaker circuit) {
        for (CallOutcome outcome : CallOutcome.values()) {
            calls.put(outcome, Counter.builder(MetricNames.EXTERNAL_CALLS).tag(MetricNames.TAG_PROVIDER, provider)
                    .tag(MetricNames.TAG_OUTCOME, outcome.tag()).description("calls to an external provider")
                    .register(meters));
            if (outcome != CallOutcome.REJECTED_OPEN) {
                durations.put(outcome, Timer.builder(MetricNames.EXTERNAL_CALL_DURATION)
                        .tag(MetricNames.TAG_PROVIDER, provider).tag(MetricNames.TAG_OUTCOME, outcome.tag())
                        .description("one call to an external provider, until its answer or its failure")
                        .publishPercentileHistogram().register(meters));
            }
        }
        Gauge.builder(MetricNames.CIRCUIT_STATE, circuit, c -> ProviderCircuit.stateCode(c.getState()))
                .tag(MetricNames.TAG_PROVIDER, provider).description("0 closed, 1 half-open, 2 open")
                .strongReference(true).register(meters);
    }

    /** A call was made and ended as {@code outcome} after {@code nanos}. */
    void called(CallOutcome outcome, long nanos) {
        calls.get(outcome).increment();
        durations.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A call was not made: the circuit did not permit it. */
    void rejected() {
        calls.get(CallOutcome.REJECTED_OPEN).increment();
    }
}
