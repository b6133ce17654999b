package dev.tandem.workers.ipreputation;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The provider's Resilience4j circuit breaker, built from {@link IpReputationProperties.Circuit}. */
final class ProviderCircuit {

    private static final Logger log = LoggerFactory.getLogger(ProviderCircuit.class);

    private ProviderCircuit() {
    }

    /**
     * A count-based breaker named {@code provider}. The enricher reports each call's duration and whether it counts
     * against the provider ({@code onSuccess} / {@code onError}); open, it waits {@code openFor} by {@code clock}, then
     * lets the next permitted calls through as probes (no scheduler thread: the first call after the wait moves it to
     * half-open). State changes are logged.
     */
    static CircuitBreaker create(String provider, IpReputationProperties.Circuit settings, Clock clock) {
        var config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .slowCallDurationThreshold(settings.slowCallDuration())
                .slowCallRateThreshold(settings.slowCallRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .clock(clock)
                .build();
        CircuitBreaker circuit = CircuitBreaker.of(provider, config);
        circuit.getEventPublisher().onStateTransition(event -> log.atWarn().addKeyValue("provider", provider)
                .addKeyValue("from", event.getStateTransition().getFromState())
                .addKeyValue("to", event.getStateTransition().getToState())
                .log("circuit breaker changed state"));
        return circuit;
    }

    /** The value of {@code tandem.circuit.state}: 0 closed, 1 half-open, 2 open (forced open too); 0 when disabled. */
    static int stateCode(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }
}
