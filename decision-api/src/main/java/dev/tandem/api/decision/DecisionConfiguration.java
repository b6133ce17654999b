package dev.tandem.api.decision;

import java.time.Clock;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.support.flow.FlowsConfiguration;
import dev.tandem.support.kafka.TopicsProperties;
import dev.tandem.support.redis.RedisConnectionConfiguration;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the decision service to Redis (through Boot's Lettuce client) and Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
@Import({ FlowsConfiguration.class, RedisConnectionConfiguration.class })
class DecisionConfiguration {

    @Bean
    OutcomeStore outcomeStore(StatefulRedisConnection<String, String> redis, ApiProperties properties) {
        return new RedisOutcomeStore(redis.async(), properties.outcomeTtl());
    }

    /** A bean, so that the producer is flushed and closed with the context: nothing buffered is lost on a stop. */
    @Bean
    DefaultKafkaProducerFactory<String, DecisionMade> decisionProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new AvroSerializer<>(DecisionMade.class));
    }

    @Bean
    KafkaTemplate<String, DecisionMade> decisionTemplate(DefaultKafkaProducerFactory<String, DecisionMade> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    NewTopic decisionsTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.DECISIONS).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }

    @Bean
    NewTopic bulkDecisionsTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.DECISIONS_BULK).partitions(topics.partitions()).replicas(topics.replicas())
                .build();
    }

    @Bean
    DecisionService decisionService(Flows flows, FeatureStore features, OutcomeStore outcomes,
            KafkaTemplate<String, DecisionMade> decisionTemplate, ApiProperties properties, MeterRegistry meters) {
        return new DecisionService(flows, features, outcomes, new KafkaDecisionPublisher(decisionTemplate, meters),
                limits(properties), new MicrometerFeatureAges(meters), Clock.systemUTC());
    }

    static DecisionService.Limits limits(ApiProperties properties) {
        return new DecisionService.Limits(properties.featureTimeout(), properties.storeTimeout(),
                properties.maxClockSkew(), properties.maxEventAge(), properties.republishAfter());
    }
}
