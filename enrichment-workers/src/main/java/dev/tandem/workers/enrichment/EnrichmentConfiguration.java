package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.tandem.core.flow.Flows;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.support.flow.FlowsConfiguration;
import dev.tandem.support.kafka.AvroListeners;
import dev.tandem.support.kafka.PauseScheduler;
import dev.tandem.support.kafka.DecisionDeadLetterTopics;
import dev.tandem.support.kafka.TopicsConfiguration;
import dev.tandem.support.kafka.TopicsProperties;
import dev.tandem.support.redis.RedisConnectionConfiguration;
import dev.tandem.workers.EnrichmentWorkersApplication;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the enrichers, one listener container each, their error handling and dead letters. */
@Configuration(proxyBeanMethods = false)
@Import({ FlowsConfiguration.class, RedisConnectionConfiguration.class, TopicsConfiguration.class,
        DecisionDeadLetterTopics.class })
class EnrichmentConfiguration {

    @Bean
    DefaultKafkaProducerFactory<String, EnrichmentCompleted> enrichmentProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new AvroSerializer<>(EnrichmentCompleted.class));
    }

    @Bean
    KafkaTemplate<String, EnrichmentCompleted> enrichmentTemplate(
            DefaultKafkaProducerFactory<String, EnrichmentCompleted> enrichmentProducerFactory) {
        return new KafkaTemplate<>(enrichmentProducerFactory);
    }

    @Bean
    DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory(KafkaProperties kafka) {
        return AvroListeners.deadLetterProducerFactory(DecisionMade.class, kafka.buildProducerProperties());
    }

    @Bean
    EnricherContainers enricherContainers(List<Enricher> enrichers, Flows flows, WorkersProperties properties,
            ConcurrentKafkaListenerContainerFactory<String, DecisionMade> decisionListenerFactory,
            KafkaTemplate<String, EnrichmentCompleted> enrichmentTemplate, MeterRegistry meters) {
        requireEveryEnricher(flows, enrichers);
        return new EnricherContainers(enrichers, properties, decisionListenerFactory, enrichmentTemplate, meters,
                Clock.systemUTC());
    }

    /** A flow that waits for an enricher nobody runs would never finalise: refuse to start instead. */
    static void requireEveryEnricher(Flows flows, List<Enricher> enrichers) {
        Set<String> available = new TreeSet<>(enrichers.stream().map(Enricher::name).toList());
        for (String name : flows.names()) {
            for (String enricher : flows.find(name).orElseThrow().definition().requiredEnrichers()) {
                if (!available.contains(enricher)) {
                    throw new IllegalStateException("tandem.flows." + name + ".required-enrichers names '" + enricher
                            + "', but this service runs only " + available);
                }
            }
        }
    }

    @Bean
    PauseScheduler pauseScheduler() {
        return PauseScheduler.named("enricher-pause-");
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, DecisionMade> decisionListenerFactory(KafkaProperties kafka,
            DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory, WorkersProperties properties,
            MeterRegistry meters, PauseScheduler pauseScheduler) {
        return AvroListeners.batchFactory(DecisionMade.class, kafka.buildConsumerProperties(),
                deadLetterProducerFactory, new AvroListeners.Settings(1, properties.retryInterval(),
                        properties.retryMaxElapsed(), properties.commitInterval()),
                EnrichmentWorkersApplication.NAME, meters, pauseScheduler.scheduler());
    }

    @Bean
    NewTopic enrichmentsTopic(TopicsProperties topics) {
        return topics.topic(Topics.ENRICHMENTS);
    }
}
