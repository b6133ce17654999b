package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.tandem.it.support.BlenderEvents;
import dev.tandem.it.support.GroupProbe;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.support.kafka.AvroListeners;
import dev.tandem.support.kafka.PauseScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * The listener factories of service-support commit the offsets of finished records on a timer (ADR 0025), here
 * against the real broker, for a record listener (the blender's deadline index) and a batch listener (enrichers,
 * merges). The interval is one no run reaches, so every commit seen is one that a revocation, a stop or the error
 * handler made: finished records are not committed one by one, a rebalance commits what the leaving owner finished
 * (its successor gets none of it again), an unreadable record is dead-lettered once and the partition moves on, and
 * stopping commits the rest.
 */
class TimedCommitsIntegrationTests {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final Duration NEVER = Duration.ofHours(1);
    static final AvroSerializer<DecisionMade> AVRO = new AvroSerializer<>(DecisionMade.class);

    enum Listener { RECORD, BATCH }

    @ParameterizedTest
    @EnumSource(Listener.class)
    void finishedOffsets_waitForTheInterval_andAreCommittedOnRevocationAndOnStop(Listener kind) {
        String run = UUID.randomUUID().toString();
        String topic = "it.timed-commits." + run;
        String group = "it-timed-commits-" + run;
        KafkaProbe.createIfMissing(2, topic, Topics.deadLetter(topic));
        Queue<String> processed = new ConcurrentLinkedQueue<>();
        var deadLetters = AvroListeners.deadLetterProducerFactory(DecisionMade.class,
                Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrapServers()));
        var pauses = PauseScheduler.named("it-timed-commits-");
        var factory = factory(kind, group, deadLetters, pauses);
        try {
            var first = start(factory, kind, topic, processed);
            try {
                send(topic, "a", 10, false);
                await().atMost(WITHIN).until(() -> processed.size() == 10);
                assertThat(GroupProbe.committed(group, topic)).as("finished, but the interval has not passed")
                        .isEmpty();

                var second = start(factory, kind, topic, processed);
                try {
                    await().atMost(WITHIN).until(() -> GroupProbe.ownsAllPartitions(group, topic, 2));
                    assertThat(total(GroupProbe.committed(group, topic))).as("committed as the rebalance revoked them")
                            .isEqualTo(10);

                    send(topic, "b", 10, true);
                    await().atMost(WITHIN).until(() -> processed.size() == 20
                            && KafkaProbe.endOffsets(Topics.deadLetter(topic)) == 1);
                }
                finally {
                    second.stop();
                }
            }
            finally {
                first.stop();
            }
            assertThat(processed).as("each record once: nothing offered again after the rebalance").hasSize(20)
                    .doesNotHaveDuplicates();
            assertThat(total(GroupProbe.committed(group, topic))).as("all committed by the stops, the dead letter's too")
                    .isEqualTo(21);
            assertThat(KafkaProbe.endOffsets(Topics.deadLetter(topic))).as("dead letters").isEqualTo(1);
        }
        finally {
            deadLetters.destroy();
            pauses.destroy();
        }
    }

    private static ConcurrentKafkaListenerContainerFactory<String, DecisionMade> factory(Listener kind, String group,
            DefaultKafkaProducerFactory<String, Object> deadLetters, PauseScheduler pauses) {
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var settings = new AvroListeners.Settings(1, Duration.ofMillis(100), Duration.ofSeconds(1), NEVER);
        var meters = new SimpleMeterRegistry();
        return switch (kind) {
            case RECORD -> AvroListeners.factory(DecisionMade.class, consumer, deadLetters, settings, "it", meters);
            case BATCH -> AvroListeners.batchFactory(DecisionMade.class, consumer, deadLetters, settings, "it", meters,
                    pauses.scheduler());
        };
    }

    /** A listener that notes each decision it finished, as the real ones do: in order, failing at what it cannot read. */
    private static ConcurrentMessageListenerContainer<String, DecisionMade> start(
            ConcurrentKafkaListenerContainerFactory<String, DecisionMade> factory, Listener kind, String topic,
            Queue<String> processed) {
        var container = factory.createContainer(topic);
        switch (kind) {
            case RECORD -> container.setupMessageListener(
                    (MessageListener<String, DecisionMade>) record -> processed.add(record.value().getDecisionId()));
            case BATCH -> container.setupMessageListener((BatchMessageListener<String, DecisionMade>) records -> {
                for (int i = 0; i < records.size(); i++) {
                    ConsumerRecord<String, DecisionMade> record = records.get(i);
                    if (record.value() == null) {
                        throw new BatchListenerFailedException("unreadable", AvroListeners.unreadable(record), i);
                    }
                    processed.add(record.value().getDecisionId());
                }
            });
        }
        container.start();
        return container;
    }

    /** {@code count} decisions over both partitions, with an unreadable record in their middle if {@code poisoned}. */
    private static void send(String topic, String prefix, int count, boolean poisoned) {
        var records = new ArrayList<ProducerRecord<String, byte[]>>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            if (poisoned && i == count / 2) {
                records.add(new ProducerRecord<>(topic, 0, "poison", "not avro".getBytes(StandardCharsets.UTF_8)));
            }
            String id = prefix + "-" + i;
            DecisionMade decision = BlenderEvents.decisionMade(BlenderEvents.provisional(id, "e-" + id,
                    List.of("velocity"), now, Duration.ofSeconds(5)), 40);
            records.add(new ProducerRecord<>(topic, i % 2, id, AVRO.serialize(topic, decision)));
        }
        KafkaProbe.sendAll(records);
    }

    private static long total(Map<?, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
