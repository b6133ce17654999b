package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.schemas.Headers;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.serde.AvroDeserializer;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.workers.EnrichmentWorkersApplication;
import dev.tandem.workers.WorkersProperties;
import dev.tandem.workers.velocity.VelocityEnricher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
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

/** Wires the enrichers, the decision listener, its error handling and dead letters. */
@Configuration(proxyBeanMethods = false)
class EnrichmentConfiguration {

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> tandemRedisConnection(LettuceConnectionFactory factory) {
        return ((RedisClient) factory.getRequiredNativeClient()).connect();
    }

    @Bean
    VelocityEnricher velocityEnricher(StatefulRedisConnection<String, String> redis, WorkersProperties properties) {
        return new VelocityEnricher(redis.async(), properties.velocityRetention());
    }

    @Bean
    DecisionListener decisionListener(List<Enricher> enrichers, WorkersProperties properties, KafkaProperties kafka,
            MeterRegistry meters) {
        var runner = new EnrichmentRunner(enrichers, properties.enricherTimeout(), Clock.systemUTC());
        var factory = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new AvroSerializer<>(EnrichmentCompleted.class));
        return new DecisionListener(runner, new KafkaTemplate<>(factory), meters);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, DecisionMade> decisionListenerFactory(KafkaProperties kafka,
            WorkersProperties properties, MeterRegistry meters) {
        var consumers = new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new AvroDeserializer<>(DecisionMade.class)));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, DecisionMade>();
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.setCommonErrorHandler(errorHandler(kafka, properties, meters));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(KafkaProperties kafka, WorkersProperties properties,
            MeterRegistry meters) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(DecisionMade.class, new AvroSerializer<>(DecisionMade.class));
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
            headers.add(Headers.DEAD_LETTER_RETRYABLE, bytes(Boolean.toString(!(cause instanceof DeserializationException))));
            headers.add(Headers.DEAD_LETTER_SERVICE, bytes(EnrichmentWorkersApplication.NAME));
            return headers;
        });
        var backOff = new ExponentialBackOff(properties.retryInterval().toMillis(), 2.0);
        backOff.setMaxElapsedTime(properties.retryMaxElapsed().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Bean
    NewTopic enrichmentsTopic(WorkersProperties properties) {
        return TopicBuilder.name(Topics.ENRICHMENTS).partitions(properties.partitions()).replicas(properties.replicas()).build();
    }

    @Bean
    NewTopic decisionsDeadLetterTopic(WorkersProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.DECISIONS)).partitions(1).replicas(properties.replicas()).build();
    }
}
