package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.BlenderEvents;
import dev.tandem.it.support.GroupProbe;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.OutcomeUpdated;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two blender instances, each a whole Spring context, merging the same results: what happens when an instance
 * that lost its partitions (a zombie, or the overlap of a rebalance) keeps processing beside their new owner. The
 * second instance consumes in a consumer group of its own, so every result is delivered to both.
 */
class BlenderRaceIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(BlenderRaceIntegrationTests.class);

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final int PARTITIONS = 6;
    static final int CONSUMERS = 3;
    static final int DECISIONS = 20;
    static final List<String> ENRICHERS = List.of("velocity", "ip-reputation", "deep-risk");

    /** What one instance makes of a decision: everything but the ids and the times. */
    record Essence(OutcomeStatus status, long version, String verdict, double score, String model,
            List<String> reasons, List<String> completed, List<String> pending) {
        static Essence of(Outcome o) {
            return new Essence(o.status(), o.version(), o.verdict().name(), o.score(), o.model().name(), o.reasons(),
                    o.completed(), o.pending());
        }
    }

    @Test
    void twoBlendersRacing_applyEachResultOnce_andEndInTheSameFinalOutcome() {
        KafkaProbe.createIfMissing(PARTITIONS, Topics.DECISIONS, Topics.ENRICHMENTS);
        String groupA = "it-race-a-" + UUID.randomUUID();
        String groupB = "it-race-b-" + UUID.randomUUID();
        RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
        try (var redis = client.connect()) {
            var store = new RedisOutcomeStore(redis.async(), Duration.ofHours(1));
            GroupProbe.startAtEnd(groupA, Topics.ENRICHMENTS);
            try (var first = TandemPlatform.startBlender(Map.of("tandem.blender.consumer-group", groupA))) {
                awaitOwnsAllPartitions(groupA);
                Outcome control = created(store);
                BlenderEvents.publish(results(control));
                Essence alone = Essence.of(awaitFinal(store, control));

                GroupProbe.startAtEnd(groupB, Topics.ENRICHMENTS);
                try (var second = TandemPlatform.startBlender(Map.of("tandem.blender.consumer-group", groupB))) {
                    awaitOwnsAllPartitions(groupB);
                    double duplicatesBefore = duplicates(first) + duplicates(second);
                    var decisions = new ArrayList<Outcome>();
                    for (int i = 0; i < DECISIONS; i++) {
                        decisions.add(created(store));
                    }

                    BlenderEvents.publish(decisions.stream().flatMap(d -> results(d).stream()).toList());

                    await().atMost(WITHIN).until(() -> GroupProbe.caughtUp(groupA, Topics.ENRICHMENTS)
                            && GroupProbe.caughtUp(groupB, Topics.ENRICHMENTS));
                    log.info("duplicates counted: {} by the first instance, {} by the second", duplicates(first),
                            duplicates(second));
                    assertThat(duplicates(first) + duplicates(second) - duplicatesBefore)
                            .as("every result was delivered twice; the second delivery is counted as a duplicate")
                            .isEqualTo(DECISIONS * ENRICHERS.size());
                    assertAppliedOnceAndAnnounced(store, decisions, alone);
                }
            }
        }
        finally {
            client.shutdown();
        }
    }

    /**
     * The stored outcome is what one instance alone makes; every delivery announced it once; every stored version
     * was announced; one version is one outcome; and a reader that keeps the highest version per decision, as
     * {@code OutcomeUpdated} asks, ends at the stored outcome, as does compaction (the last record of a decision).
     *
     * <p>Not asserted: that the topic's order is the version order. It is not while two instances overlap: a
     * duplicate delivery re-announces the outcome as that instance read it, which the other instance may have
     * announced a newer version of already (seen as {@code [2, 3, 2, 3, 4, 4]}).
     */
    private static void assertAppliedOnceAndAnnounced(RedisOutcomeStore store, List<Outcome> decisions,
            Essence alone) {
        Map<String, List<OutcomeUpdated>> announced = BlenderEvents
                .announced(decisions.stream().map(Outcome::decisionId).toList()).stream()
                .collect(Collectors.groupingBy(OutcomeUpdated::getDecisionId));
        assertThat(alone.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(alone.version()).isEqualTo(1 + ENRICHERS.size());
        int outOfOrder = 0;
        for (Outcome decision : decisions) {
            Outcome stored = store.find(decision.tenant(), decision.decisionId()).toCompletableFuture().join()
                    .orElseThrow();
            assertThat(Essence.of(stored)).as("decision %s, as one instance alone makes it", decision.decisionId())
                    .isEqualTo(alone);
            List<OutcomeUpdated> updates = announced.get(decision.decisionId());
            List<Long> versions = updates.stream().map(OutcomeUpdated::getVersion).toList();
            assertThat(versions).as("versions announced for %s: one per delivery", decision.decisionId())
                    .hasSize(2 * ENRICHERS.size())
                    .containsAll(LongStream.rangeClosed(2, stored.version()).boxed().toList())
                    .allSatisfy(v -> assertThat(v).isBetween(2L, stored.version()));
            assertThat(versions.stream().filter(v -> v == stored.version()))
                    .as("both instances announced the final version of %s", decision.decisionId()).hasSizeGreaterThan(1);
            assertThat(updates).as("one version, one outcome: every announcement of a version is the same")
                    .allSatisfy(u -> assertThat(u).isEqualTo(updates.stream()
                            .filter(other -> other.getVersion() == u.getVersion()).findFirst().orElseThrow()));
            OutcomeUpdated highest = updates.stream().max(Comparator.comparingLong(OutcomeUpdated::getVersion))
                    .orElseThrow();
            assertThat(highest).as("what a reader keeping the highest version holds").isEqualTo(BlenderEvents.announcement(stored));
            assertThat(updates.getLast()).as("what compaction keeps").isEqualTo(highest);
            if (!versions.equals(versions.stream().sorted().toList())) {
                outOfOrder++;
            }
        }
        log.info("announcements out of version order for {} of {} decisions", outOfOrder, decisions.size());
    }

    private static Outcome created(RedisOutcomeStore store) {
        Outcome v1 = BlenderEvents.provisional(UUID.randomUUID().toString(), "race-entity", ENRICHERS,
                Instant.now(), Duration.ofMinutes(10));
        store.create(v1).toCompletableFuture().join();
        return v1;
    }

    /** The three results of a decision, in the order the workers might send them; one of them failed. */
    private static List<EnrichmentCompleted> results(Outcome decision) {
        return List.of(
                BlenderEvents.result(decision, "velocity", EnrichmentStatus.OK, null, BlenderEvents.VELOCITY_FEATURES),
                BlenderEvents.result(decision, "ip-reputation", EnrichmentStatus.FAILED, "reputation service unavailable",
                        Map.of()),
                BlenderEvents.result(decision, "deep-risk", EnrichmentStatus.OK, null, Map.of("deep_risk_score", 0.2)));
    }

    private static Outcome awaitFinal(RedisOutcomeStore store, Outcome decision) {
        return await().atMost(WITHIN).until(
                () -> store.find(decision.tenant(), decision.decisionId()).toCompletableFuture().join().orElseThrow(),
                Outcome::isFinal);
    }

    private static void awaitOwnsAllPartitions(String group) {
        await().atMost(WITHIN).until(() -> GroupProbe.ownsAllPartitions(group, Topics.ENRICHMENTS, CONSUMERS));
    }

    private static double duplicates(TandemPlatform blender) {
        return blender.blender().getBean(MeterRegistry.class).find(MetricNames.OUTCOME_DUPLICATES).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
