package dev.tandem.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTests {

    @TempDir
    Path dataDir;

    @Test
    void start_freePort_roundTripsARecordWithPlainClients() throws Exception {
        try (var broker = KafkaBroker.start(0, dataDir)) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());

            produce(broker, "round-trip", "k1", "hello");

            assertThat(consumeAll(broker, "round-trip")).containsExactly("k1=hello");
        }
    }

    @Test
    void start_againOnTheSameDirectory_keepsTheRecords() throws Exception {
        int port;
        try (var broker = KafkaBroker.start(0, dataDir)) {
            port = broker.port();
            produce(broker, "survivor", "k", "before restart");
        }
        try (var restarted = KafkaBroker.start(port, dataDir)) {
            produce(restarted, "survivor", "k", "after restart");

            assertThat(consumeAll(restarted, "survivor")).containsExactly("k=before restart", "k=after restart");
        }
    }

    @Test
    void start_portHeldByAnotherProcess_failsNamingThePortAndTheOption() throws Exception {
        try (var foreign = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = foreign.getLocalPort();

            assertThatThrownBy(() -> KafkaBroker.start(port, dataDir))
                    .isInstanceOf(PortUnavailableException.class)
                    .hasMessageContaining("Port " + port + " for Kafka")
                    .hasMessageContaining("--kafka-port");
        }
    }

    @Test
    void aSendToATopicNobodyCreated_doesNotCreateIt() throws Exception {
        try (var broker = KafkaBroker.start(0, dataDir);
                var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()));
                var producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000), new StringSerializer(), new StringSerializer())) {

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("nobody-created", "k", "v"))
                    .get(10, TimeUnit.SECONDS)).hasStackTraceContaining("not present in metadata");
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("nobody-created");
        }
    }

    private static void produce(KafkaBroker broker, String topic, String key, String value) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(KafkaBroker broker, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        var partition = new TopicPartition(topic, 0);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            var seen = new ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
            return seen;
        }
    }
}
