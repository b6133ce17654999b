package dev.tandem.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tandem.schemas.Headers;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.serde.AvroDeserializer;
import dev.tandem.schemas.serde.AvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds listener container factories for one Avro event type: values read through
 * {@link ErrorHandlingDeserializer}, offsets committed per record after the listener returns,
 * failures retried with exponential back-off, and records that still fail (or cannot be read at
 * all) published to {@code <topic>.dlt} with the reason, the retryability and the service in
 * headers. The partition then moves on.
 */
public final class AvroListeners {

    /**
     * How failing records are retried.
     *
     * @param initialInterval the first back-off
     * @param maxElapsed how long a record is retried before it is dead-lettered
     */
    public record Retry(Duration initialInterval, Duration maxElapsed) {
    }

    private AvroListeners() {
    }

    /**
     * A container factory for listeners of {@code type}.
     *
     * @param consumerProperties the Kafka consumer settings (for example from Boot's {@code KafkaProperties})
     * @param producerProperties the Kafka producer settings for the dead-letter publisher
     * @param service the service's name, written into dead letters
     */
    public static <T extends SpecificRecord> ConcurrentKafkaListenerContainerFactory<String, T> factory(Class<T> type,
            Map<String, Object> consumerProperties, Map<String, Object> producerProperties, Retry retry, String service,
            MeterRegistry meters) {
        var consumers = new DefaultKafkaConsumerFactory<>(consumerProperties, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new AvroDeserializer<>(type)));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.setCommonErrorHandler(errorHandler(type, producerProperties, retry, service, meters));
        return factory;
    }

    static DefaultErrorHandler errorHandler(Class<? extends SpecificRecord> type, Map<String, Object> producerProperties,
            Retry retry, String service, MeterRegistry meters) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(type, new AvroSerializer<>(type));
        var producers = new DefaultKafkaProducerFactory<String, Object>(producerProperties, new StringSerializer(),
                new DelegatingByTypeSerializer(byType));
        var recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers), (record, ex) -> {
            meters.counter(MetricNames.DEAD_LETTERS, MetricNames.TAG_TOPIC, record.topic()).increment();
            return new TopicPartition(Topics.deadLetter(record.topic()), -1);
        });
        recoverer.setHeadersFunction((record, ex) -> {
            var headers = new RecordHeaders();
            headers.add(Headers.DEAD_LETTER_REASON, bytes(DeadLetterReason.of(ex)));
            headers.add(Headers.DEAD_LETTER_RETRYABLE, bytes(Boolean.toString(DeadLetterReason.retryable(ex))));
            headers.add(Headers.DEAD_LETTER_SERVICE, bytes(service));
            return headers;
        });
        var backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class, SerializationException.class);
        return handler;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
