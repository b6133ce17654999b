package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.BlenderEvents;
import dev.tandem.it.support.GroupProbe;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.ServiceProcess;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.workers.EnrichmentWorkersApplication;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import dev.tandem.workers.velocity.ScriptScope;
import dev.tandem.workers.velocity.VelocityEnricher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

/**
 * An enrichment worker killed with {@code SIGKILL} in the middle of a batch, after the velocity enricher's effect is
 * in Redis and before its results are acknowledged: nothing is lost (the next owner of the partitions gets the
 * batch again, and every decision ends FINAL) and nothing is done twice (each payment is in its entity's windows
 * once).
 *
 * <p>How the kill is made to land there, with nothing in the worker for it: the worker runs as a child process
 * ({@link ServiceProcess}) whose producer, and only its producer, points at a socket that accepts connections and
 * never answers, so its first publish of a batch's results waits for metadata that never comes; the test sees the
 * batch's effect in Redis and the thread waiting in the publish before it kills the process.
 */
class WorkerKillIntegrationTests {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final Duration CHILD_STARTS_WITHIN = Duration.ofSeconds(60);
    static final int ENTITIES = 3;
    static final int PAYMENTS_EACH = 10;
    /** velocity's consumer threads on the urgent lane, in its group there. */
    static final int VELOCITY_CONSUMERS = 3;

    @Test
    void workerKilledMidBatch_losesNoEnrichment_andCountsEachPaymentOnce() throws IOException {
        KafkaProbe.createIfMissing(6, Topics.DECISIONS, Topics.DECISIONS_BULK, Topics.ENRICHMENTS);
        String group = ConsumerGroups.enricher(VelocityEnricher.NAME);
        // whatever earlier test classes left in the topic is not this test's: start where the log ends now
        GroupProbe.startAtEnd(group, Topics.DECISIONS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
        try (var connection = client.connect();
                var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RedisCommands<String, String> redis = connection.sync();
            var store = new RedisOutcomeStore(connection.async(), Duration.ofHours(1));
            var decisions = new ArrayList<Outcome>();
            Instant now = Instant.now();
            for (int e = 0; e < ENTITIES; e++) {
                for (int p = 0; p < PAYMENTS_EACH; p++) {
                    Outcome provisional = BlenderEvents.provisional(UUID.randomUUID().toString(),
                            "kill-" + run + "-" + e, List.of(VelocityEnricher.NAME), now.minusSeconds(p),
                            Duration.ofMinutes(10));
                    store.create(provisional).toCompletableFuture().join();
                    decisions.add(provisional);
                }
            }

            try (var child = ServiceProcess.start(EnrichmentWorkersApplication.class, Map.of(
                    "spring.kafka.producer.bootstrap-servers", "localhost:" + silent.getLocalPort(),
                    "spring.kafka.producer.properties.max.block.ms", "600000",
                    "spring.kafka.consumer.properties.session.timeout.ms", "6000",
                    "spring.kafka.consumer.properties.heartbeat.interval.ms", "1000"),
                    Path.of("target", "tandem-it", "worker-killed.log"))) {
                await().atMost(CHILD_STARTS_WITHIN).failFast("worker process ended, see " + child.log(),
                        () -> !child.isAlive())
                        .ignoreException(IllegalStateException.class) // the group does not exist until it joins
                        .until(() -> GroupProbe.ownsAllPartitions(group, Topics.DECISIONS, VELOCITY_CONSUMERS));

                BlenderEvents.publishDecisions(decisions.stream().map(d -> BlenderEvents.decisionMade(d, 25)).toList());

                await().atMost(WITHIN).until(() -> counted(redis, run) > 0);
                String publishing = await().atMost(WITHIN).until(() -> threadRunning(child, "EnricherListener.onMessage"),
                        stack -> stack.contains("KafkaTemplate.send"));
                assertThat(publishing).as("the batch waits in the publish of its results").contains("EnricherListener.onMessage",
                        "KafkaTemplate.send");
                long countedBeforeTheKill = counted(redis, run);

                child.kill();
                assertThat(child.exitValue()).as("exit status of SIGKILL").isEqualTo(137);
                assertThat(countedBeforeTheKill).as("payments in windows when the worker died").isPositive();
            }
            assertThat(decisions).allSatisfy(d -> assertThat(find(store, d).status()).isEqualTo(OutcomeStatus.PROVISIONAL));

            try (var workers = TandemPlatform.startWorkers(Map.of());
                    var blender = TandemPlatform.startBlender(Map.of())) {
                for (Outcome decision : decisions) {
                    Outcome done = await().atMost(WITHIN).until(() -> find(store, decision), Outcome::isFinal);
                    assertThat(done.status()).as("decision %s", decision.decisionId()).isEqualTo(OutcomeStatus.FINAL);
                    assertThat(done.version()).as("velocity applied once").isEqualTo(2);
                }
            }
            assertThat(counted(redis, run)).as("events in the logs: the redelivered batch's twice")
                    .isGreaterThan(ENTITIES * PAYMENTS_EACH);
            // one more payment of each entity, enriched here: its 24 h window holds the entity's payments, each
            // once, though the redelivered batch appended its events to the log again
            var velocity = new VelocityEnricher(connection.async(), Duration.ofHours(25), Duration.ofHours(25),
                    Clock.systemUTC(), ScriptScope.BATCH);
            for (int e = 0; e < ENTITIES; e++) {
                EnrichmentRequest probe = RedisStoresIntegrationTests.decision("probe-" + run + "-" + e,
                        "kill-" + run + "-" + e, now.plusSeconds(1), 1);
                EnrichmentAnswer answer = velocity.enrich(List.of(probe)).toCompletableFuture().join().getFirst();
                assertThat(((EnrichmentAnswer.Features) answer).values())
                        .as("payments of entity %d in its windows, and the probe", e)
                        .containsEntry("velocity_count_24h", PAYMENTS_EACH + 1.0);
            }
        }
        finally {
            client.shutdown();
        }
    }

    /** Payments of this run's entities in their velocity logs (32 bytes each). */
    private static long counted(RedisCommands<String, String> redis, String run) {
        long counted = 0;
        for (int e = 0; e < ENTITIES; e++) {
            counted += redis.strlen(RedisKeys.velocity(RedisKeys.DEFAULT_TENANT, "kill-" + run + "-" + e)) / 32;
        }
        return counted;
    }

    private static Outcome find(RedisOutcomeStore store, Outcome decision) {
        return store.find(decision.tenant(), decision.decisionId()).toCompletableFuture().join().orElseThrow();
    }

    /** The stack of the child's thread whose stack mentions {@code frame}, or "" when no thread's does. */
    private static String threadRunning(ServiceProcess child, String frame) {
        return Arrays.stream(child.threadDump().split("\\R\\R")).filter(stack -> stack.contains(frame)).findFirst()
                .orElse("");
    }
}
