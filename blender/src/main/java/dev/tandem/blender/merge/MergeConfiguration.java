package dev.tandem.blender.merge;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.tandem.blender.BlenderApplication;
import dev.tandem.blender.BlenderProperties;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.support.flow.FlowsConfiguration;
import dev.tandem.support.kafka.AvroListeners;
import dev.tandem.support.kafka.PauseScheduler;
import dev.tandem.support.kafka.TopicsConfiguration;
import dev.tandem.support.kafka.TopicsProperties;
import dev.tandem.support.redis.RedisConnectionConfiguration;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the merge service to Redis and Kafka, with retries and dead letters. */
@Configuration(proxyBeanMethods = false)
@Import({ FlowsConfiguration.class, RedisConnectionConfiguration.class, TopicsConfiguration.class })
class MergeConfiguration {

    @Bean
    OutcomeStore outcomeStore(StatefulRedisConnection<String, String> redis, BlenderProperties properties) {
        return new RedisOutcomeStore(redis.async(), properties.outcomeTtl());
    }

    @Bean
    DefaultKafkaProducerFactory<String, OutcomeUpdated> outcomeProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new AvroSerializer<>(OutcomeUpdated.class));
    }

    @Bean
    KafkaTemplate<String, OutcomeUpdated> outcomeTemplate(
            DefaultKafkaProducerFactory<String, OutcomeUpdated> outcomeProducerFactory) {
        return new KafkaTemplate<>(outcomeProducerFactory);
    }

    @Bean
    DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory(KafkaProperties kafka) {
        return AvroListeners.deadLetterProducerFactory(EnrichmentCompleted.class, kafka.buildProducerProperties());
    }

    @Bean
    OutcomePublisher outcomePublisher(KafkaTemplate<String, OutcomeUpdated> outcomeTemplate,
            StatefulRedisConnection<String, String> redis, BlenderProperties properties, MeterRegistry meters) {
        return new NotifyingOutcomePublisher(new KafkaOutcomePublisher(outcomeTemplate, properties.publishTimeout()),
                redis.async(), meters);
    }

    @Bean
    BlenderMetrics blenderMetrics(MeterRegistry meters, Flows flows) {
        var metrics = new BlenderMetrics(meters);
        metrics.startAtZero(flows);
        return metrics;
    }

    @Bean
    @Profile("!" + BlenderApplication.REBUILD)
    EnrichmentListener enrichmentListener(Flows flows, OutcomeStore outcomes, OutcomePublisher outcomePublisher,
            ObjectProvider<OutcomeFinalisation> finalisation, BlenderMetrics blenderMetrics,
            BlenderProperties properties) {
        return new EnrichmentListener(new MergeService(flows, outcomes, outcomePublisher,
                finalisation.getIfAvailable(() -> OutcomeFinalisation.NONE), blenderMetrics, Clock.systemUTC(),
                properties.maxConflicts(), properties.storeTimeout()), properties.publishTimeout());
    }

    @Bean
    PauseScheduler pauseScheduler() {
        return PauseScheduler.named("blender-pause-");
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, EnrichmentCompleted> enrichmentListenerFactory(KafkaProperties kafka,
            DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory, BlenderProperties properties,
            MeterRegistry meters, PauseScheduler pauseScheduler) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        return AvroListeners.batchFactory(EnrichmentCompleted.class, consumer, deadLetterProducerFactory,
                new AvroListeners.Settings(properties.concurrency(), properties.retryInterval(),
                        properties.retryMaxElapsed(), properties.commitInterval()),
                BlenderApplication.NAME, meters, pauseScheduler.scheduler());
    }

    @Bean
    NewTopic outcomesTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.OUTCOMES).partitions(topics.partitions()).replicas(topics.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build();
    }

    @Bean
    NewTopic enrichmentsDeadLetterTopic(TopicsProperties topics) {
        return topics.topic(Topics.deadLetter(Topics.ENRICHMENTS));
    }
}
