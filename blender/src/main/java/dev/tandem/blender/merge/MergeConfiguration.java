package dev.tandem.blender.merge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tandem.blender.BlenderApplication;
import dev.tandem.blender.BlenderProperties;
import dev.tandem.blender.FlowsProperties;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.schemas.Headers;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.serde.AvroDeserializer;
import dev.tandem.schemas.serde.AvroSerializer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the merge service to Redis and Kafka, with retries and dead letters. */
@Configuration(proxyBeanMethods = false)
class MergeConfiguration {

    @Bean
    Flows flows(FlowsProperties properties) {
        return Flows.of(properties.flows());
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> tandemRedisConnection(LettuceConnectionFactory factory) {
        return ((RedisClient) factory.getRequiredNativeClient()).connect();
    }

    @Bean
    OutcomeStore outcomeStore(StatefulRedisConnection<String, String> redis, BlenderProperties properties) {
        return new RedisOutcomeStore(redis.async(), properties.outcomeTtl());
    }

    @Bean
    EnrichmentListener enrichmentListener(Flows flows, OutcomeStore outcomes, KafkaProperties kafka,
            BlenderProperties properties, MeterRegistry meters) {
        var producers = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new AvroSerializer<>(OutcomeUpdated.class));
        var publisher = new KafkaOutcomePublisher(new KafkaTemplate<>(producers));
        return new EnrichmentListener(new MergeService(flows, outcomes, publisher, new BlenderMetrics(meters),
                Clock.systemUTC(), properties.maxConflicts()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, EnrichmentCompleted> enrichmentListenerFactory(KafkaProperties kafka,
            BlenderProperties properties, MeterRegistry meters) {
        var consumers = new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new AvroDeserializer<>(EnrichmentCompleted.class)));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, EnrichmentCompleted>();
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.setCommonErrorHandler(errorHandler(kafka, properties, meters));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(KafkaProperties kafka, BlenderProperties properties,
            MeterRegistry meters) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(EnrichmentCompleted.class, new AvroSerializer<>(EnrichmentCompleted.class));
        var producers = new DefaultKafkaProducerFactory<String, Object>(kafka.buildProducerProperties(),
                new StringSerializer(), new DelegatingByTypeSerializer(byType));
        var recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers), (record, ex) -> {
            meters.counter(MetricNames.DEAD_LETTERS, MetricNames.TAG_TOPIC, record.topic()).increment();
            return new TopicPartition(Topics.deadLetter(record.topic()), -1);
        });
        recoverer.setHeadersFunction((record, ex) -> {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            var headers = new RecordHeaders();
            headers.add(Headers.DEAD_LETTER_REASON, bytes(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            headers.add(Headers.DEAD_LETTER_RETRYABLE, bytes(Boolean.toString(!(cause instanceof DeserializationException
                    || cause instanceof IllegalArgumentException))));
            headers.add(Headers.DEAD_LETTER_SERVICE, bytes(BlenderApplication.NAME));
            return headers;
        });
        var backOff = new ExponentialBackOff(properties.retryInterval().toMillis(), 2.0);
        backOff.setMaxElapsedTime(properties.retryMaxElapsed().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Bean
    NewTopic outcomesTopic(BlenderProperties properties) {
        return TopicBuilder.name(Topics.OUTCOMES).partitions(properties.partitions()).replicas(properties.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build();
    }

    @Bean
    NewTopic enrichmentsDeadLetterTopic(BlenderProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.ENRICHMENTS)).partitions(1).replicas(properties.replicas()).build();
    }
}
