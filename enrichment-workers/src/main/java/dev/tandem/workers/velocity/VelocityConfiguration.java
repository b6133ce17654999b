package dev.tandem.workers.velocity;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The velocity enricher on the shared Redis connection. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VelocityConfiguration.VelocityProperties.class)
class VelocityConfiguration {

    /**
     * Prefix {@code tandem.workers.velocity}.
     *
     * @param retention how long an entity's events are kept (at least the largest window, 24h)
     * @param featuresTtl how long after their event time the aggregates written back into the online features may
     *        be used
     * @param scriptScope which decisions of a batch share its two script calls: {@code batch} on one Redis server,
     *        {@code slot} on a Redis Cluster
     */
    @ConfigurationProperties("tandem.workers.velocity")
    record VelocityProperties(@DefaultValue("25h") Duration retention, @DefaultValue("25h") Duration featuresTtl,
            @DefaultValue("batch") ScriptScope scriptScope) {
    }

    @Bean
    VelocityEnricher velocityEnricher(StatefulRedisConnection<String, String> redis, VelocityProperties properties) {
        return new VelocityEnricher(redis.async(), properties.retention(), properties.featuresTtl(), Clock.systemUTC(),
                properties.scriptScope());
    }
}
