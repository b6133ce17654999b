package dev.tandem.api.watch;

import java.time.Clock;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The watchers, the feed that tells them, and the event streams, from {@code tandem.api.watch.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
class WatchConfiguration {

    @Bean
    OutcomeWatchers outcomeWatchers(WatchProperties settings, MeterRegistry meters) {
        var watchers = new OutcomeWatchers(settings.maxWatchers());
        Gauge.builder(MetricNames.WATCHERS, watchers, OutcomeWatchers::size)
                .description("long polls and event streams open on this instance").register(meters);
        return watchers;
    }

    @Bean
    OutcomeFeed outcomeFeed(KafkaProperties kafka, OutcomeWatchers watchers, WatchProperties settings,
            MeterRegistry meters) {
        return new OutcomeFeed(kafka.buildConsumerProperties(), watchers, settings.partitionCheck(), meters,
                Clock.systemUTC());
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
