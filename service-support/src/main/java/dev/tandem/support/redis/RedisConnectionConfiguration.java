package dev.tandem.support.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One thread-safe Lettuce connection for the stores, opened on the client that Spring Boot
 * configures from {@code spring.data.redis.*} (so its address, timeouts and health check are
 * Boot's), and closed with the context. Lettuce's own defaults are an unbounded request queue and commands that
 * wait as long as the connection's timeout only if timeouts are enabled: both are set explicitly here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisClientProperties.class)
public class RedisConnectionConfiguration {

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> tandemRedisConnection(LettuceConnectionFactory factory) {
        return ((RedisClient) factory.getRequiredNativeClient()).connect();
    }

    /**
     * Every command times out after {@code spring.data.redis.timeout} (the connection's timeout), and at most
     * {@code tandem.redis.request-queue-size} commands wait per connection.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer tandemLettuceOptions(RedisClientProperties settings) {
        return options -> options.timeoutOptions(TimeoutOptions.enabled())
                .requestQueueSize(settings.requestQueueSize());
    }
}
