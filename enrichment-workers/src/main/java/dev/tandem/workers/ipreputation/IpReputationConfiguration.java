package dev.tandem.workers.ipreputation;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ip-reputation enricher, its HTTP client and its circuit breaker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpReputationProperties.class)
class IpReputationConfiguration {

    @Bean
    IpReputationEnricher ipReputationEnricher(IpReputationProperties properties, MeterRegistry meters) {
        CircuitBreaker circuit = ProviderCircuit.create(IpReputationEnricher.NAME, properties.circuit(),
                Clock.systemUTC());
        return new IpReputationEnricher(ReputationClient.of(properties), circuit,
                new ProviderMetrics(meters, IpReputationEnricher.NAME, circuit), properties.maxConcurrentCalls());
    }
}
