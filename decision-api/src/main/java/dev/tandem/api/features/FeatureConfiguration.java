package dev.tandem.api.features;

import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.support.redis.RedisConnectionConfiguration;
import dev.tandem.api.resilience.Bulkheads;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The feature store of decisions: the Redis online store, its slow reads hedged over a second connection, behind
 * Redis's circuit breaker and the in-process cache (hedging and the cache can be switched off).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FeatureCacheProperties.class, HedgingProperties.class })
@Import(RedisConnectionConfiguration.class)
class FeatureConfiguration {

    /**
     * What hedged reads need of their own, closed with the context: a second connection (a hedge over the first
     * would wait behind the very read it hedges) and a timer thread.
     */
    record HedgeResources(StatefulRedisConnection<String, String> connection, ScheduledExecutorService timers)
            implements AutoCloseable {

        @Override
        public void close() {
            timers.shutdownNow();
            connection.close();
        }
    }

    @Bean(destroyMethod = "close")
    HedgeResources hedgeResources(LettuceConnectionFactory factory) {
        return new HedgeResources(((RedisClient) factory.getRequiredNativeClient()).connect(),
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("feature-hedges").daemon()
                        .factory()));
    }

    @Bean
    FeatureStore featureStore(StatefulRedisConnection<String, String> redis, FeatureCacheProperties settings,
            HedgingProperties hedging, HedgeResources hedges, CircuitBreaker redisCircuit, Bulkheads bulkheads,
            MeterRegistry meters) {
        FeatureStore store = new GuardedFeatureStore(new RedisFeatureStore(redis.async()), redisCircuit,
                bulkheads.onlineFeatures());
        if (hedging.enabled()) {
            FeatureStore hedge = new GuardedFeatureStore(new RedisFeatureStore(hedges.connection().async()),
                    redisCircuit, null);
            store = new HedgedFeatureStore(store, hedge, hedging,
                    (nanos, task) -> hedges.timers().schedule(task, nanos, TimeUnit.NANOSECONDS), System::nanoTime,
                    meters);
        }
        if (!settings.enabled()) {
            return store;
        }
        return new CachingFeatureStore(store, settings, Ticker.systemTicker(), ForkJoinPool.commonPool(), meters);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "tandem.api.feature-cache.enabled", matchIfMissing = true)
    FeatureInvalidations featureInvalidations(LettuceConnectionFactory factory, FeatureStore featureStore) {
        return new FeatureInvalidations((RedisClient) factory.getRequiredNativeClient(),
                (CachingFeatureStore) featureStore);
    }
}
