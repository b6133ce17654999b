package dev.tandem.api.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tandem.schemas.MetricNames;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * decision-api's circuit breakers: count-based over the last 20 calls, open when half of them failed, for 5 s, then
 * 3 probes. While open a guarded call fails at once with {@link CallNotPermittedException} instead of waiting for a
 * dependency that is down; the caller degrades as it would for a timeout. Each breaker's state is {@code
 * tandem.circuit.state{provider}} (0 closed, 1 half-open, 2 open) and its changes are logged.
 */
public final class Circuits {

    private static final Logger log = LoggerFactory.getLogger(Circuits.class);

    private Circuits() {
    }

    /** A breaker named {@code dependency}, with its gauge. */
    public static CircuitBreaker create(String dependency, MeterRegistry meters) {
        CircuitBreaker circuit = CircuitBreaker.of(dependency, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(20)
                .minimumNumberOfCalls(10).failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(3).build());
        circuit.getEventPublisher().onStateTransition(event -> log.atWarn().addKeyValue("provider", dependency)
                .addKeyValue("from", event.getStateTransition().getFromState())
                .addKeyValue("to", event.getStateTransition().getToState())
                .log("circuit breaker changed state"));
        Gauge.builder(MetricNames.CIRCUIT_STATE, circuit, c -> switch (c.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        }).tag(MetricNames.TAG_PROVIDER, dependency)
                .description("circuit breaker state: 0 closed, 1 half-open, 2 open").register(meters);
        return circuit;
    }

    /**
     * Calls {@code call} if {@code circuit} permits, and reports how it ended; a stage failed with {@link
     * CallNotPermittedException} without calling when it does not. A call that throws counts as failed.
     */
    public static <T> CompletionStage<T> guard(CircuitBreaker circuit, Supplier<CompletionStage<T>> call) {
        if (!circuit.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(circuit));
        }
        long start = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        }
        catch (RuntimeException ex) {
            circuit.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
            return CompletableFuture.failedFuture(ex);
        }
        return stage.whenComplete((value, failure) -> {
            if (failure == null) {
                circuit.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            } else {
                circuit.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            }
        });
    }
}
