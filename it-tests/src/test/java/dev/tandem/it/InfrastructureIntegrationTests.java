package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.tandem.it.support.TestInfrastructure;
import io.lettuce.core.RedisClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The Kafka and Redis that every end-to-end test gets really work, whichever source they came from. */
class InfrastructureIntegrationTests {

    @Test
    void kafka_producedRecords_areConsumedByAGroupInOrder() throws Exception {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        String topic = "it-infrastructure-" + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "decision-1", "v" + i))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.offset()).isEqualTo(i);
            }
        }

        assertThat(consume(bootstrap, topic, 5)).containsExactly("decision-1=v0", "decision-1=v1", "decision-1=v2",
                "decision-1=v3", "decision-1=v4");
    }

    @Test
    void redis_valuesAndHashes_roundTrip() {
        RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
        try (var connection = client.connect()) {
            var redis = connection.sync();
            String key = "it:" + UUID.randomUUID();

            assertThat(redis.ping()).isEqualTo("PONG");
            redis.set(key, "hello");
            assertThat(redis.get(key)).isEqualTo("hello");
            redis.hset(key + ":features", Map.of("avg_amount", "42.10", "chargebacks_90d", "0"));
            assertThat(redis.hgetall(key + ":features"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("avg_amount", "42.10", "chargebacks_90d", "0"));
            assertThat(redis.del(key, key + ":features")).isEqualTo(2);
        } finally {
            client.shutdown();
        }
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        var seen = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
