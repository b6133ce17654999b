package dev.tandem.support.redis;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One thread-safe Lettuce connection for the stores, opened on the client that Spring Boot
 * configures from {@code spring.data.redis.*} (so its address, timeouts and health check are
 * Boot's), and closed with the context. Lettuce's own defaults are an unbounded request queue and commands that
 * wait as long as the connection's timeout only if timeouts are enabled: both are set explicitly here.
 *
 * <p>Each command's latency is recorded by Lettuce's {@link MicrometerCommandLatencyRecorder} (timers
 * {@code lettuce.command.firstresponse} and {@code lettuce.command.completion} by command, with a histogram), not by
 * an observation per command: the services exclude Boot's {@code LettuceObservationAutoConfiguration}, whose
 * observation (a timer, a long task timer and their tags per command, started on the caller's thread and stopped on
 * Lettuce's) cost 5 % of a decision's CPU at 2,000 decisions/s (ADR 0032).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisClientProperties.class)
public class RedisConnectionConfiguration {

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> tandemRedisConnection(LettuceConnectionFactory factory) {
        return ((RedisClient) factory.getRequiredNativeClient()).connect();
    }

    /** Command latencies as plain timers, recorded on Lettuce's I/O thread when the reply arrives. */
    @Bean
    ClientResourcesBuilderCustomizer tandemRedisCommandLatencies(MeterRegistry meters) {
        MicrometerOptions options = MicrometerOptions.builder().histogram(true)
                .minLatency(Duration.ofNanos(100_000)).maxLatency(Duration.ofSeconds(5)).targetPercentiles(new double[0])
                .build();
        return resources -> resources.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(meters, options));
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
