package dev.tandem.api.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis's circuit breaker, shared by the feature store and the outcome store of decision-api. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    /** The breaker's name, and the {@code provider} tag of its state. */
    static final String REDIS = "redis";

    @Bean
    CircuitBreaker redisCircuit(MeterRegistry meters) {
        return Circuits.create(REDIS, meters);
    }
}
