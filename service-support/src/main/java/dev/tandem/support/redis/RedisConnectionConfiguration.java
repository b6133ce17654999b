package dev.tandem.support.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One thread-safe Lettuce connection for the stores, opened on the client that Spring Boot
 * configures from {@code spring.data.redis.*} (so its address, timeouts and health check are
 * Boot's), and closed with the context.
 */
@Configuration(proxyBeanMethods = false)
public class RedisConnectionConfiguration {

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> tandemRedisConnection(LettuceConnectionFactory factory) {
        return ((RedisClient) factory.getRequiredNativeClient()).connect();
    }
}
