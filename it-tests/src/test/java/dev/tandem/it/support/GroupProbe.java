package dev.tandem.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Prepares and inspects consumer groups on the test broker from the outside, as an operator's tools would: it
 * works the same for a service in this JVM and for one in a child process. Each call opens its own admin client.
 */
public final class GroupProbe {

    private GroupProbe() {
    }

    /**
     * Commits, for a group that has never consumed, the current end offset of every partition of {@code topic}:
     * the group's first consumer starts after everything written so far, whatever earlier tests left in the topic.
     *
     * @throws IllegalStateException when the group has members (the broker refuses) or the broker fails
     */
    public static void startAtEnd(String group, String topic) {
        admin(admin -> {
            var ends = new HashMap<TopicPartition, OffsetAndMetadata>();
            ends(admin, topic).forEach((p, offset) -> ends.put(p, new OffsetAndMetadata(offset)));
            return get(admin.alterConsumerGroupOffsets(group, ends).all());
        });
    }

    /**
     * Whether the group has committed the end offset of every partition of {@code topic}: it has processed every
     * record written so far (blender commits a poll once its merges are stored and announced).
     */
    public static boolean caughtUp(String group, String topic) {
        return admin(admin -> ends(admin, topic).equals(committed(admin, group, topic)));
    }

    /** The group's committed offset on each partition of {@code topic} that has one. */
    public static Map<TopicPartition, Long> committed(String group, String topic) {
        return admin(admin -> committed(admin, group, topic));
    }

    /**
     * Whether the group is stable with exactly {@code members} consumers that between them own every partition of
     * {@code topic}: from then on, records written to the topic are consumed without a rebalance in between, as
     * long as no consumer joins or leaves.
     */
    public static boolean ownsAllPartitions(String group, String topic, int members) {
        return admin(admin -> {
            int partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
            long owned = description.members().stream()
                    .flatMap(m -> m.assignment().topicPartitions().stream())
                    .filter(p -> p.topic().equals(topic)).distinct().count();
            return description.groupState() == GroupState.STABLE && description.members().size() == members
                    && owned == partitions;
        });
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group, String topic) {
        var offsets = new HashMap<TopicPartition, Long>();
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).forEach((p, offset) -> {
            if (p.topic().equals(topic) && offset != null) {
                offsets.put(p, offset.offset());
            }
        });
        return offsets;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) {
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = new HashMap<TopicPartition, Long>();
        get(admin.listOffsets(latest).all()).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    private static <T> T admin(Function<Admin, T> call) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            return call.apply(admin);
        }
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the broker", ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("the broker refused: " + ex.getCause().getMessage(), ex.getCause());
        }
    }
}
