package dev.tandem.api.features;

import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.support.redis.RedisConnectionConfiguration;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The feature store of decisions: the Redis online store, behind the in-process cache unless it is disabled. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeatureCacheProperties.class)
@Import(RedisConnectionConfiguration.class)
class FeatureConfiguration {

    @Bean
    FeatureStore featureStore(StatefulRedisConnection<String, String> redis, FeatureCacheProperties settings,
            MeterRegistry meters) {
        var store = new RedisFeatureStore(redis.async());
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
