package dev.tandem.benchmarks.hotpath;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records the platform's consumer groups have not processed yet: over every group on the broker and every partition
 * it has committed, the log end offset minus the committed offset. The groups commit after processing, so 0 means
 * the asynchronous path is idle (results that arrive after a decision's deadline included).
 */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The records not yet processed, over all groups. */
    long records() {
        try {
            var committed = new HashMap<String, Map<TopicPartition, OffsetAndMetadata>>();
            for (GroupListing group : admin.listGroups().all().get(5, TimeUnit.SECONDS)) {
                committed.put(group.groupId(), admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS));
            }
            var partitions = new HashMap<TopicPartition, OffsetSpec>();
            committed.values().forEach(offsets -> offsets.keySet().forEach(p -> partitions.put(p, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
                    .get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
                for (var entry : offsets.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the consumer groups' lag: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the consumer groups' lag", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
