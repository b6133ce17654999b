package dev.tandem.api.decision;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.support.flow.FlowsConfiguration;
import dev.tandem.support.kafka.TopicsConfiguration;
import dev.tandem.support.kafka.TopicsProperties;
import dev.tandem.support.redis.RedisConnectionConfiguration;
import dev.tandem.api.resilience.Bulkheads;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the decision service to Redis (through Boot's Lettuce client) and Kafka. */
@Configuration(proxyBeanMethods = false)
@Import({ FlowsConfiguration.class, RedisConnectionConfiguration.class, TopicsConfiguration.class })
class DecisionConfiguration {

    /** The decision endpoints' part of the OpenAPI document. */
    @Bean
    DecisionApiDocs decisionApiDocs(JsonMapper json) {
        return new DecisionApiDocs(DecisionExamples.of(json));
    }

    @Bean
    OutcomeStore outcomeStore(StatefulRedisConnection<String, String> redis, ApiProperties properties,
            CircuitBreaker redisCircuit, Bulkheads bulkheads) {
        return new GuardedOutcomeStore(new RedisOutcomeStore(redis.async(), properties.outcomeTtl()), redisCircuit,
                bulkheads.outcomeWrites(), bulkheads.outcomeReads());
    }

    /**
     * A bean, so that the producer is flushed and closed with the context: nothing buffered is lost on a stop. Values
     * are {@code DecisionMade} already encoded (the outbox keeps them so), byte for byte what {@link AvroSerializer}
     * writes.
     */
    @Bean
    DefaultKafkaProducerFactory<String, byte[]> decisionProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean
    KafkaTemplate<String, byte[]> decisionTemplate(DefaultKafkaProducerFactory<String, byte[]> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    DecisionLogPriming decisionLogPriming(KafkaTemplate<String, byte[]> decisionTemplate, ApiProperties properties) {
        return new DecisionLogPriming(decisionTemplate, properties.producerPrimeTimeout());
    }

    @Bean(destroyMethod = "close")
    ExecutorService decisionSender() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("decision-send-", 0).factory());
    }

    @Bean
    KafkaDecisionPublisher decisionPublisher(KafkaTemplate<String, byte[]> decisionTemplate,
            ExecutorService decisionSender, Bulkheads bulkheads, MeterRegistry meters) {
        return new KafkaDecisionPublisher(decisionTemplate, decisionSender, bulkheads.decisionLog(), meters);
    }

    @Bean
    OutboxRelay outboxRelay(OutcomeStore outcomes, KafkaDecisionPublisher decisionPublisher,
            ApiProperties properties, MeterRegistry meters) {
        return new OutboxRelay(outcomes, decisionPublisher, properties.outbox(), meters, Clock.systemUTC());
    }

    @Bean
    NewTopic decisionsTopic(TopicsProperties topics) {
        return topics.topic(Topics.DECISIONS);
    }

    @Bean
    NewTopic bulkDecisionsTopic(TopicsProperties topics) {
        return topics.topic(Topics.DECISIONS_BULK);
    }

    @Bean
    DecisionService decisionService(Flows flows, FeatureStore features, OutcomeStore outcomes,
            KafkaDecisionPublisher decisionPublisher, ApiProperties properties, MeterRegistry meters) {
        return new DecisionService(flows, features, outcomes, decisionPublisher, limits(properties),
                new MicrometerDecisionMetrics(meters), Clock.systemUTC());
    }

    static DecisionService.Limits limits(ApiProperties properties) {
        return new DecisionService.Limits(properties.featureTimeout(), properties.storeTimeout(),
                properties.storeReserve(), properties.maxClockSkew(), properties.maxEventAge(),
                properties.republishAfter());
    }
}
