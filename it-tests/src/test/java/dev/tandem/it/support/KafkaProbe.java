package dev.tandem.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes raw records on the test broker, as an operator's tools would. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    /** Sends raw bytes and waits for the broker's acknowledgement; returns where the record was written. */
    public static RecordMetadata send(String topic, String key, byte[] value) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("could not send to " + topic, ex);
        }
    }

    /** Sends records with one producer, in order, and waits for the broker's acknowledgement of each. */
    public static List<RecordMetadata> sendAll(List<ProducerRecord<String, byte[]>> records) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var sent = records.stream().map(producer::send).toList();
            var written = new ArrayList<RecordMetadata>();
            for (var future : sent) {
                written.add(future.get());
            }
            return written;
        }
        catch (Exception ex) {
            throw new IllegalStateException("could not send " + records.size() + " records", ex);
        }
    }

    /** Reads {@code topic} from the beginning until {@code enough} holds for what was read, or the timeout passes. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> enough,
            Duration timeout) {
        var records = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads every record {@code topic} holds when called: from the beginning up to the end offsets read first.
     * Records written after the call may be included too.
     */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic) {
        return readToEnd(TestInfrastructure.kafkaBootstrapServers(), topic);
    }

    /** As {@link #readToEnd(String)}, from the broker at {@code bootstrapServers} (a test's own). */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrapServers, String topic) {
        var records = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = consumer(bootstrapServers)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + ends + " within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Creates those of {@code topics} that do not exist yet, with {@code partitions} partitions and one replica, as
     * the service that owns each would at start-up. A test that starts only some services calls this first, so
     * that a consumer subscribing to a missing topic does not have the broker create it with one partition.
     */
    public static void createIfMissing(int partitions, String... topics) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            var missing = Arrays.stream(topics).filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + List.of(topics), ex);
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + List.of(topics), ex.getCause());
            }
        }
    }

    /** How many partitions {@code topic} has now. */
    public static int partitions(String topic) {
        try (var consumer = consumer()) {
            return consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
        }
    }

    /** Grows {@code topic} to {@code partitions} partitions, as an operator adding some does. */
    public static void increasePartitions(String topic, int partitions) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted adding partitions to " + topic, ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("could not grow " + topic + " to " + partitions + " partitions",
                    ex.getCause());
        }
    }

    /** The sum of the end offsets of every partition of {@code topic}: how many records it ever took. */
    public static long endOffsets(String topic) {
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return consumer(TestInfrastructure.kafkaBootstrapServers());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
