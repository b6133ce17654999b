package dev.tandem.support.kafka;

import java.time.Clock;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * {@code tandem.consumer.lag.time}: by consumer group and topic, how old the oldest unprocessed
 * record is, in time rather than offsets. The record being handed to the listener is the oldest
 * unprocessed one of its partition, so its timestamp is kept until a newer one replaces it; the age
 * is computed when the gauge is read, so a stalled listener shows a growing lag. A partition is
 * cleared when its last fetched record is done and nothing is left in the log behind it, and when a
 * rebalance revokes it (or it is lost): the gauge is the largest over the partitions this instance
 * owns, the new owner reporting the others. Set it as the containers' rebalance listener as well as
 * their record interceptor.
 */
final class ConsumerLagTracker<K, V> implements RecordInterceptor<K, V>, BatchInterceptor<K, V>,
        ConsumerAwareRebalanceListener {

    private record GroupTopic(String group, String topic) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<GroupTopic, Map<Integer, Long>> oldestUnprocessed = new ConcurrentHashMap<>();

    ConsumerLagTracker(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public @Nullable ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        partitions(record, consumer).put(record.partition(), record.timestamp());
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        var partition = new TopicPartition(record.topic(), record.partition());
        OptionalLong behind = consumer.currentLag(partition);
        if (consumer.position(partition) == record.offset() + 1 && behind.isPresent() && behind.getAsLong() == 0) {
            partitions(record, consumer).remove(record.partition());
        }
    }

    /** A poll handed to a batch listener: the first record of each partition is its oldest unprocessed one. */
    @Override
    public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> fetched = records.records(partition);
            if (!fetched.isEmpty()) {
                partitions(fetched.getFirst(), consumer).put(partition.partition(), fetched.getFirst().timestamp());
            }
        }
        return records;
    }

    @Override
    public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> fetched = records.records(partition);
            if (!fetched.isEmpty()) {
                afterRecord(fetched.getLast(), consumer);
            }
        }
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(consumer, partitions);
    }

    private void forget(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        String group = consumer.groupMetadata().groupId();
        for (TopicPartition partition : partitions) {
            Map<Integer, Long> tracked = oldestUnprocessed.get(new GroupTopic(group, partition.topic()));
            if (tracked != null) {
                tracked.remove(partition.partition());
            }
        }
    }

    private Map<Integer, Long> partitions(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        return oldestUnprocessed.computeIfAbsent(new GroupTopic(consumer.groupMetadata().groupId(), record.topic()),
                this::register);
    }

    private Map<Integer, Long> register(GroupTopic key) {
        Map<Integer, Long> partitions = new ConcurrentHashMap<>();
        Gauge.builder(MetricNames.CONSUMER_LAG_TIME, partitions, p -> p.values().stream()
                        .mapToLong(timestamp -> Math.max(0, clock.millis() - timestamp)).max().orElse(0) / 1000.0)
                .tag(MetricNames.TAG_GROUP, key.group())
                .tag(MetricNames.TAG_TOPIC, key.topic())
                .baseUnit("seconds")
                .description("age of the oldest unprocessed record")
                .register(meters);
        return partitions;
    }
}
