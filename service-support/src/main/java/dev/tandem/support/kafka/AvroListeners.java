package dev.tandem.support.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.failure.UnprocessableException;
import dev.tandem.schemas.Headers;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.serde.AvroDeserializer;
import dev.tandem.schemas.serde.AvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds listener container factories for one Avro event type: values read through
 * {@link ErrorHandlingDeserializer}, offsets of what the listener returned from committed together at most every
 * {@link Settings#commitInterval()} (at least once: see {@link TimedCommits}), and failures handled by what they are:
 * <ul>
 * <li>a {@link DependencyException} (or Kafka's {@link RetriableException}) is retried with
 * exponential back-off for as long as it lasts: the partition waits for Redis or Kafka to come back
 * rather than dead-letter valid records;</li>
 * <li>a record that cannot be read, an {@link UnprocessableException} or an
 * {@link IllegalArgumentException} goes to {@code <topic>.dlt} at once;</li>
 * <li>anything else is retried for {@link Settings#retryMaxElapsed()}, then dead-lettered.</li>
 * </ul>
 * Dead letters keep the original bytes and carry the reason, the retryability and the service in
 * headers; the partition then moves on.
 */
public final class AvroListeners {

    private static final Duration MAX_DEPENDENCY_BACK_OFF = Duration.ofSeconds(10);
    private static final LogAccessor LOG = new LogAccessor(AvroListeners.class);

    /**
     * How a listener runs and retries.
     *
     * @param concurrency consumer threads (at most the number of partitions)
     * @param retryInterval the first back-off of a failing record
     * @param retryMaxElapsed how long a record failing for an unknown reason is retried before it is dead-lettered
     * @param commitInterval how long offsets of finished records may wait to be committed together; a consumer that
     *        dies loses at most about twice this much of its commits, and its successor does that work again
     */
    public record Settings(int concurrency, Duration retryInterval, Duration retryMaxElapsed, Duration commitInterval) {

        public Settings {
            // the poll timeout is at most the interval: shorter, and idle consumer threads would wake ever more often
            if (commitInterval.toMillis() < 100) {
                throw new IllegalArgumentException("commit interval must be at least 100ms, was " + commitInterval);
            }
        }
    }

    private AvroListeners() {
    }

    /**
     * The producer factory for dead letters of {@code type}: raw bytes for records that could not
     * be read, Avro for records that could. Declare it as a bean so it is closed with the context.
     */
    public static DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory(
            Class<? extends SpecificRecord> type, Map<String, Object> producerProperties) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(type, new AvroSerializer<>(type));
        return new DefaultKafkaProducerFactory<>(producerProperties, new StringSerializer(),
                new DelegatingByTypeSerializer(byType));
    }

    /**
     * A container factory for listeners of {@code type}.
     *
     * @param consumerProperties the Kafka consumer settings (for example from Boot's {@code KafkaProperties})
     * @param deadLetters where dead letters are published, from {@link #deadLetterProducerFactory}
     * @param service the service's name, written into dead letters
     */
    public static <T extends SpecificRecord> ConcurrentKafkaListenerContainerFactory<String, T> factory(Class<T> type,
            Map<String, Object> consumerProperties, ProducerFactory<String, Object> deadLetters, Settings settings,
            String service, MeterRegistry meters) {
        var lag = new ConsumerLagTracker<String, T>(meters, Clock.systemUTC());
        var factory = containerFactory(type, consumerProperties, settings, lag);
        factory.setCommonErrorHandler(errorHandler(deadLetters, settings, service, meters));
        factory.setRecordInterceptor(lag);
        return factory;
    }

    /**
     * A container factory for batch listeners of {@code type} ({@code List<ConsumerRecord>}), the offsets of a poll
     * the listener returned from committed with the others of the interval. The listener throws
     * {@link org.springframework.kafka.listener.BatchListenerFailedException} naming the first record not done;
     * records before it are committed, that one is handled as above, and while a failure is backed off the
     * container is paused (it keeps polling, so it keeps its partitions, but takes no records) and resumed after.
     *
     * @param scheduler resumes paused containers
     */
    public static <T extends SpecificRecord> ConcurrentKafkaListenerContainerFactory<String, T> batchFactory(
            Class<T> type, Map<String, Object> consumerProperties, ProducerFactory<String, Object> deadLetters,
            Settings settings, String service, MeterRegistry meters, TaskScheduler scheduler) {
        var lag = new ConsumerLagTracker<String, T>(meters, Clock.systemUTC());
        var factory = containerFactory(type, consumerProperties, settings, lag);
        factory.setBatchListener(true);
        // the poll's work is durable before its offsets are committed, so the commit need not hold up the next
        // poll: a commit lost with a crash only means the poll is offered again (idempotent work, counted duplicates)
        factory.getContainerProperties().setSyncCommits(false);
        factory.setCommonErrorHandler(errorHandler(deadLetters, settings, service, meters,
                new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, scheduler))));
        factory.setBatchInterceptor(lag);
        return factory;
    }

    /** Values read through {@link ErrorHandlingDeserializer}; {@code lag} also hears of rebalances. */
    private static <T extends SpecificRecord> ConcurrentKafkaListenerContainerFactory<String, T> containerFactory(
            Class<T> type, Map<String, Object> consumerProperties, Settings settings, ConsumerLagTracker<String, T> lag) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerProperties, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new AvroDeserializer<>(type))));
        factory.setConcurrency(settings.concurrency());
        factory.getContainerProperties().setConsumerRebalanceListener(lag);
        TimedCommits.apply(factory.getContainerProperties(), settings.commitInterval());
        return factory;
    }


    /**
     * Why a record reached a batch listener without a value: the deserializer's own failure when it left one in
     * the headers (so the dead letter says what was wrong with the bytes), else an {@link UnprocessableException}.
     * Throw it in a {@link org.springframework.kafka.listener.BatchListenerFailedException} naming the record.
     */
    public static Exception unreadable(ConsumerRecord<?, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return failure != null ? failure : new UnprocessableException("record " + record.topic() + "-"
                + record.partition() + "@" + record.offset() + " (key " + record.key() + ") has no value");
    }

    static DefaultErrorHandler errorHandler(ProducerFactory<String, Object> deadLetters, Settings settings,
            String service, MeterRegistry meters) {
        return errorHandler(deadLetters, settings, service, meters, null);
    }

    private static DefaultErrorHandler errorHandler(ProducerFactory<String, Object> deadLetters, Settings settings,
            String service, MeterRegistry meters, @Nullable BackOffHandler backOffHandler) {
        var recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(deadLetters), (record, ex) -> {
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
        var handler = new DefaultErrorHandler(recoverer, boundedBackOff(settings), backOffHandler);
        handler.setBackOffFunction((record, ex) -> dependencyBackOff(ex, settings));
        handler.addNotRetryableExceptions(IllegalArgumentException.class, SerializationException.class,
                UnprocessableException.class);
        return handler;
    }

    /** Unbounded back-off while a dependency is down; {@code null} (the default back-off) otherwise. */
    static @Nullable BackOff dependencyBackOff(Exception failure, Settings settings) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyException || t instanceof RetriableException) {
                var backOff = new ExponentialBackOff(settings.retryInterval().toMillis(), 2.0);
                backOff.setMaxInterval(MAX_DEPENDENCY_BACK_OFF.toMillis());
                return backOff;
            }
        }
        return null;
    }

    private static BackOff boundedBackOff(Settings settings) {
        var backOff = new ExponentialBackOff(settings.retryInterval().toMillis(), 2.0);
        backOff.setMaxElapsedTime(settings.retryMaxElapsed().toMillis());
        return backOff;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
