package dev.tandem.support.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lettuce settings Spring Boot leaves at Lettuce's defaults, prefix {@code tandem.redis}. (The command timeout is
 * Boot's {@code spring.data.redis.timeout}, 1s in every service.)
 *
 * @param requestQueueSize commands a connection holds while they wait to be written (for example while it
 *        reconnects); beyond it a command fails at once instead of waiting in an unbounded queue
 */
@ConfigurationProperties("tandem.redis")
public record RedisClientProperties(@DefaultValue("10000") int requestQueueSize) {

    public RedisClientProperties {
        if (requestQueueSize < 1) {
            throw new IllegalArgumentException("tandem.redis.request-queue-size must be positive, was "
                    + requestQueueSize);
        }
    }
}
