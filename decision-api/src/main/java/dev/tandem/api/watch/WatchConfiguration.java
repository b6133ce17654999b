package dev.tandem.api.watch;

import java.time.Clock;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The watchers, the feed that tells them, and the event streams, from {@code tandem.api.watch.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
class WatchConfiguration {

    /** Where decision-api bounds its connections (decision-api.yml sets it; Jetty's own default is no bound). */
    static final String MAX_CONNECTIONS = "server.jetty.max-connections";

    @Bean
    OutcomeWatchers outcomeWatchers(WatchProperties settings, MeterRegistry meters, Environment environment) {
        int connections = environment.getProperty(MAX_CONNECTIONS, Integer.class, -1);
        if (connections > 0 && settings.maxWatchers() > connections / 2) {
            throw new IllegalStateException("tandem.api.watch.max-watchers (" + settings.maxWatchers()
                    + ") must be at most half of " + MAX_CONNECTIONS + " (" + connections + "): watchers hold "
                    + "their connections, and decisions need the rest");
        }
        var watchers = new OutcomeWatchers(settings.maxWatchers());
        Gauge.builder(MetricNames.WATCHERS, watchers, OutcomeWatchers::size)
                .description("long polls and event streams open on this instance").register(meters);
        return watchers;
    }

    @Bean
    OutcomeFeed outcomeFeed(KafkaProperties kafka, OutcomeWatchers watchers, WatchProperties settings,
            MeterRegistry meters) {
        return new OutcomeFeed(kafka.buildConsumerProperties(), watchers, settings.partitionCheck(),
                settings.feedPauseAfter(), meters, Clock.systemUTC());
    }

    @Bean
    WatchApiDocs watchApiDocs() {
        return new WatchApiDocs();
    }

    @Bean
    EventStreams eventStreams(WatchProperties settings, MeterRegistry meters) {
        return new EventStreams(settings, meters);
    }
}
