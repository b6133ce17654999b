package dev.tandem.support.kafka;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * {@code tandem.consumer.lag.time}: by consumer group and topic, how old the oldest unprocessed
 * record is, in time rather than offsets. After each record the tracker asks the consumer how many
 * records of that partition are still behind it: none, and the partition's lag is zero; some, and it
 * is the age of the record just processed (the next one is at most that old). The gauge is the
 * largest over the partitions this instance consumes.
 */
final class ConsumerLagTracker<K, V> implements RecordInterceptor<K, V> {

    private record GroupTopic(String group, String topic) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<GroupTopic, Map<Integer, Long>> lagMillis = new ConcurrentHashMap<>();

    ConsumerLagTracker(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public @Nullable ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        var key = new GroupTopic(consumer.groupMetadata().groupId(), record.topic());
        Map<Integer, Long> partitions = lagMillis.computeIfAbsent(key, this::register);
        OptionalLong behind = consumer.currentLag(new TopicPartition(record.topic(), record.partition()));
        long lag = behind.isPresent() && behind.getAsLong() == 0 ? 0 : Math.max(0, clock.millis() - record.timestamp());
        partitions.put(record.partition(), lag);
    }

    private Map<Integer, Long> register(GroupTopic key) {
        Map<Integer, Long> partitions = new ConcurrentHashMap<>();
        Gauge.builder(MetricNames.CONSUMER_LAG_TIME, partitions,
                        p -> p.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0)
                .tag(MetricNames.TAG_GROUP, key.group())
                .tag(MetricNames.TAG_TOPIC, key.topic())
                .baseUnit("seconds")
                .description("age of the oldest unprocessed record")
                .register(meters);
        return partitions;
    }
}
