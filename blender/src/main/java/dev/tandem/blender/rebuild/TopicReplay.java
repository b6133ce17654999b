package dev.tandem.blender.rebuild;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of a topic from its beginning to the end it had when the replay started,
 * without a consumer group (nothing is committed), in offset order per partition.
 */
final class TopicReplay {

    private final Map<String, Object> consumerProperties;

    TopicReplay(Map<String, Object> consumerProperties) {
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    /** Hands each record to {@code handler}; returns how many were read. */
    long replay(String topic, Consumer<ConsumerRecord<String, byte[]>> handler) {
        try (var consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long read = 0;
            while (!caughtUp(consumer, ends)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        handler.accept(record);
                        read++;
                    }
                }
            }
            return read;
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
