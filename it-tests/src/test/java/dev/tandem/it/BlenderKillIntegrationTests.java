package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tandem.blender.BlenderApplication;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.BlenderEvents;
import dev.tandem.it.support.ServiceProcess;
import dev.tandem.it.support.GroupProbe;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.OutcomeUpdated;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A blender killed with {@code SIGKILL} after it stored a merge in Redis and before it announced it on
 * {@code tandem.outcomes} loses nothing: the result's offset was not committed, so the partition's next owner gets
 * the result again, finds it applied (a duplicate: counted, not applied twice) and announces the stored outcome.
 *
 * <p>How the kill is made to land there, with nothing in blender for it: the blender runs as a child process
 * ({@link ServiceProcess}) whose producer, and only its producer ({@code spring.kafka.producer.bootstrap-servers}),
 * points at a socket that accepts connections and never answers. Its consumers read the real broker; its first
 * send, which comes after the merge is stored, waits for metadata that never arrives ({@code max.block.ms} is
 * raised past the test). The test checks that it is there, in a thread dump, before it kills it.
 */
class BlenderKillIntegrationTests {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final Duration CHILD_STARTS_WITHIN = Duration.ofSeconds(60);
    static final int PARTITIONS = 6;
    static final int CONSUMERS = 3;

    @Test
    void blenderKilledBetweenMergeAndAnnouncement_losesNothing_andTheNextOwnerAnnouncesTheStoredVersion()
            throws IOException {
        KafkaProbe.createIfMissing(PARTITIONS, Topics.DECISIONS, Topics.ENRICHMENTS);
        String group = "it-kill-" + UUID.randomUUID();
        GroupProbe.startAtEnd(group, Topics.ENRICHMENTS);
        RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
        try (var redis = client.connect();
                var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var store = new RedisOutcomeStore(redis.async(), Duration.ofHours(1));
            Outcome provisional = BlenderEvents.provisional(UUID.randomUUID().toString(), "kill-entity",
                    List.of("velocity"), Instant.now(), Duration.ofMinutes(10));
            store.create(provisional).toCompletableFuture().join();
            RecordMetadata written;
            Outcome merged;

            try (var child = ServiceProcess.start(BlenderApplication.class, Map.of(
                    "tandem.blender.consumer-group", group,
                    "tandem.blender.sweep-interval", "1h",
                    "spring.kafka.producer.bootstrap-servers", "localhost:" + silent.getLocalPort(),
                    "spring.kafka.producer.properties.max.block.ms", "600000",
                    "spring.kafka.consumer.properties.session.timeout.ms", "6000",
                    "spring.kafka.consumer.properties.heartbeat.interval.ms", "1000"),
                    Path.of("target", "tandem-it", "blender-killed.log"))) {
                await().atMost(CHILD_STARTS_WITHIN).failFast("blender process ended, see " + child.log(),
                        () -> !child.isAlive())
                        .until(() -> GroupProbe.ownsAllPartitions(group, Topics.ENRICHMENTS, CONSUMERS));

                written = BlenderEvents.publish(BlenderEvents.result(provisional, "velocity", EnrichmentStatus.OK, null,
                        BlenderEvents.VELOCITY_FEATURES));

                merged = await().atMost(WITHIN).until(() -> find(store, provisional), o -> o.version() == 2);
                String mergeThread = await().atMost(WITHIN).until(() -> threadRunning(child, "MergeService.merge"),
                        stack -> stack.contains("KafkaOutcomePublisher.publish"));
                assertThat(mergeThread).as("the merge waits in the announcement").contains("KafkaTemplate.send");
                assertThat(BlenderEvents.announced(List.of(provisional.decisionId()))).as("announced so far").isEmpty();
                assertThat(committed(group, written)).as("the result's offset is not committed")
                        .isEqualTo(written.offset());

                child.kill();
                assertThat(child.exitValue()).as("exit status of SIGKILL").isEqualTo(137);
            }
            assertThat(merged.status()).isEqualTo(OutcomeStatus.FINAL);

            try (var successor = TandemPlatform.startBlender(Map.of("tandem.blender.consumer-group", group))) {
                await().atMost(WITHIN).until(() -> committed(group, written) > written.offset());

                assertThat(duplicates(successor, "velocity")).as("the redelivered result").isEqualTo(1);
                assertThat(find(store, provisional)).as("stored, not applied twice").isEqualTo(merged);
                List<OutcomeUpdated> announced = BlenderEvents.announced(List.of(provisional.decisionId()));
                assertThat(announced).extracting(OutcomeUpdated::getVersion).containsExactly(merged.version());
                assertThat(highestVersion(announced)).as("what a reader keeping the highest version holds")
                        .isEqualTo(BlenderEvents.announcement(merged));
            }
        }
        finally {
            client.shutdown();
        }
    }

    private static Outcome find(RedisOutcomeStore store, Outcome decision) {
        return store.find(decision.tenant(), decision.decisionId()).toCompletableFuture().join().orElseThrow();
    }

    /** The stack of the child's thread whose stack mentions {@code frame}, or "" when no thread's does. */
    private static String threadRunning(ServiceProcess child, String frame) {
        return Arrays.stream(child.threadDump().split("\\R\\R")).filter(stack -> stack.contains(frame)).findFirst()
                .orElse("");
    }

    private static long committed(String group, RecordMetadata written) {
        return GroupProbe.committed(group, Topics.ENRICHMENTS)
                .getOrDefault(new TopicPartition(written.topic(), written.partition()), -1L);
    }

    private static double duplicates(TandemPlatform blender, String enricher) {
        Counter counter = blender.blender().getBean(MeterRegistry.class).find(MetricNames.OUTCOME_DUPLICATES)
                .tag(MetricNames.TAG_ENRICHER, enricher).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A reader of {@code tandem.outcomes} that keeps, per decision, the announcement with the highest version. */
    private static OutcomeUpdated highestVersion(List<OutcomeUpdated> announced) {
        return announced.stream().reduce((kept, next) -> next.getVersion() > kept.getVersion() ? next : kept)
                .orElseThrow();
    }
}
