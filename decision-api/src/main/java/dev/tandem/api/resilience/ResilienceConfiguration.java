package dev.tandem.api.resilience;

import dev.tandem.support.redis.RedisClientProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis's circuit breaker, shared by the feature store and the outcome store of decision-api, and the bulkheads of
 * its dependencies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BulkheadProperties.class)
class ResilienceConfiguration {

    /** The breaker's name, and the {@code provider} tag of its state. */
    static final String REDIS = "redis";

    @Bean
    CircuitBreaker redisCircuit(MeterRegistry meters) {
        return Circuits.create(REDIS, meters);
    }

    /**
     * @throws IllegalStateException when the Redis bulkheads together exceed the connection's queue: with them all
     *         full Lettuce would refuse commands of every use ({@link BulkheadProperties} says why fitting is needed
     *         but not enough)
     */
    @Bean
    Bulkheads bulkheads(BulkheadProperties limits, RedisClientProperties redis, MeterRegistry meters) {
        long onRedis = (long) limits.onlineFeatures() + limits.outcomeWrites() + limits.outcomeReads();
        if (onRedis > redis.requestQueueSize()) {
            throw new IllegalStateException("tandem.api.bulkheads.online-features + outcome-writes + outcome-reads ("
                    + onRedis + ") must not exceed tandem.redis.request-queue-size (" + redis.requestQueueSize()
                    + "): the connection's queue must hold at least one command of every call the bulkheads let through");
        }
        return new Bulkheads(Bulkhead.create("online-features", limits.onlineFeatures(), meters),
                Bulkhead.create("outcome-writes", limits.outcomeWrites(), meters),
                Bulkhead.create("outcome-reads", limits.outcomeReads(), meters),
                Bulkhead.create("decision-log", limits.decisionLog(), meters));
    }
}
