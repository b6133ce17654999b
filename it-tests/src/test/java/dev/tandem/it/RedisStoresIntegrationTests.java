package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.GroupStamp;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.OutcomeStore.ApplyResult;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import dev.tandem.workers.velocity.ScriptScope;
import dev.tandem.workers.velocity.VelocityEnricher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Redis stores and scripts against a real Redis server. */
class RedisStoresIntegrationTests {

    /** Now, to the millisecond: written features expire some hours after it, so it must not lie in the past. */
    static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    static RedisClient client;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(TestInfrastructure.redisUrl());
        redis = client.connect();
    }

    @AfterAll
    static void close() {
        redis.close();
        client.shutdown();
    }

    static Outcome outcome(String id, long version, OutcomeStatus status) {
        return new Outcome(id, "default", "payment-risk", "e-1", null, Priority.STANDARD, status, version,
                Verdict.APPROVE, 0.1, new ModelInfo("m", "1"), Verdict.APPROVE, List.of(), Map.of("amount", 1.0),
                List.of("velocity"), Map.of(), false, T0, T0, T0, T0.plusSeconds(5));
    }

    @Test
    void outcomeStore_createThenApply_isIdempotentAndVersionsOnlyGrow() {
        var store = new RedisOutcomeStore(redis.async(), Duration.ofMinutes(5));
        String id = UUID.randomUUID().toString();
        Outcome v1 = outcome(id, 1, OutcomeStatus.PROVISIONAL);

        assertThat(join(store.create(v1))).isEqualTo(new OutcomeStore.Created(v1));
        assertThat(join(store.create(outcome(id, 1, OutcomeStatus.FINAL)))).isEqualTo(new OutcomeStore.Existing(v1));
        assertThat(join(store.apply(outcome(id, 2, OutcomeStatus.FINAL), 1, "velocity"))).isEqualTo(ApplyResult.APPLIED);
        assertThat(join(store.apply(outcome(id, 3, OutcomeStatus.FINAL), 2, "velocity"))).isEqualTo(ApplyResult.DUPLICATE);
        assertThat(join(store.apply(outcome(id, 2, OutcomeStatus.ENRICHING), 1, "other"))).isEqualTo(ApplyResult.CONFLICT);
        assertThat(join(store.apply(outcome("missing-" + id, 2, OutcomeStatus.FINAL), 1, "x"))).isEqualTo(ApplyResult.MISSING);

        assertThat(join(store.find("default", id))).get().satisfies(o -> {
            assertThat(o.version()).isEqualTo(2);
            assertThat(o.status()).isEqualTo(OutcomeStatus.FINAL);
        });
        assertThat(redis.sync().ttl(RedisKeys.outcome("default", id))).isBetween(1L, 300L);
    }

    @Test
    void outcomeStore_afterScriptCacheFlush_stillRuns() {
        var store = new RedisOutcomeStore(redis.async(), Duration.ofMinutes(5));
        redis.sync().scriptFlush();

        String id = UUID.randomUUID().toString();
        assertThat(join(store.create(outcome(id, 1, OutcomeStatus.PROVISIONAL)))).isInstanceOf(OutcomeStore.Created.class);
    }

    @Test
    void outbox_keepsTheAnnouncementWithTheOutcome_untilPublished_andOnlyWhenThisCallCreatedIt() {
        var store = new RedisOutcomeStore(redis.async(), Duration.ofHours(1));
        String id = UUID.randomUUID().toString();
        Outcome outcome = outcome(id, 1, OutcomeStatus.PROVISIONAL);
        var announcement = new OutboxEntry("default", id, Priority.BULK, "ZXZlbnQ=");

        assertThat(join(store.create(outcome, announcement))).isInstanceOf(OutcomeStore.Created.class);
        assertThat(join(store.create(outcome, new OutboxEntry("default", id, Priority.CRITICAL, "b3RoZXI="))))
                .isInstanceOf(OutcomeStore.Existing.class);
        Instant later = Instant.now().plusSeconds(1);

        assertThat(join(store.unpublished(later, 1000))).filteredOn(entry -> entry.decisionId().equals(id))
                .containsExactly(announcement);
        assertThat(join(store.unpublished(Instant.now().minusSeconds(60), 1000)))
                .noneMatch(entry -> entry.decisionId().equals(id));

        join(store.published("default", id));
        assertThat(join(store.unpublished(later, 1000))).noneMatch(entry -> entry.decisionId().equals(id));
        assertThat(redis.sync().hexists(RedisKeys.outcome("default", id), "outbox")).isFalse();
        assertThat(join(store.find("default", id))).contains(outcome);
    }

    @Test
    void featureStore_readsNumbersSkipsOtherFieldsAndKnowsUnknownEntities() {
        var store = new RedisFeatureStore(redis.async());
        String entity = "feat-" + UUID.randomUUID();
        redis.sync().hset(RedisKeys.features("default", entity), Map.of("avg_amount", "50.5", "segment", "gold"));

        assertThat(join(store.read("default", entity)).values()).containsExactly(Map.entry("avg_amount", 50.5));
        assertThat(join(store.read("default", entity)).known()).isTrue();
        assertThat(join(store.read("default", "nobody-" + entity)).known()).isFalse();
    }

    @Test
    void featureStore_writesAGroupWithItsStamp_neverOverAGroupComputedLater_andKeepsTheHashAsLongAsItsLongestGroup() {
        var store = new RedisFeatureStore(redis.async());
        String entity = "group-" + UUID.randomUUID();
        String key = RedisKeys.features("default", entity);
        FeatureUpdates told = FeatureUpdates.listen();
        Instant now = Instant.now();

        assertThat(join(store.write("default", entity, new FeatureGroupWrite("profile", now, now.plus(Duration.ofDays(2)),
                Map.of("avg_amount", 10.0))))).isTrue();
        assertThat(join(store.write("default", entity, new FeatureGroupWrite("velocity", now,
                now.plus(Duration.ofHours(1)), Map.of("velocity_count_1m", 3.0))))).isTrue();
        // an older computation of a group is refused; another group is not affected by it
        assertThat(join(store.write("default", entity, new FeatureGroupWrite("profile", now.minusSeconds(60),
                now.plus(Duration.ofDays(9)), Map.of("avg_amount", 99.0))))).isFalse();

        EntityFeatures read = join(store.read("default", entity));
        assertThat(read.values()).containsOnly(Map.entry("avg_amount", 10.0), Map.entry("velocity_count_1m", 3.0));
        assertThat(read.groups()).containsOnlyKeys("profile", "velocity");
        assertThat(read.groups().get("profile")).isEqualTo(new GroupStamp(Instant.ofEpochMilli(now.toEpochMilli()),
                Instant.ofEpochMilli(now.plus(Duration.ofDays(2)).toEpochMilli()), Set.of("avg_amount")));
        // once a group expires its features are not used, the others are
        assertThat(read.usableAt(now.plus(Duration.ofHours(2))).values()).containsOnlyKeys("avg_amount");
        // the hash expires with its longest-living group: the shorter velocity group did not shorten it
        assertThat(redis.sync().pttl(key)).isBetween(Duration.ofDays(2).minusMinutes(1).toMillis(),
                Duration.ofDays(2).toMillis());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> told.entities().size() >= 2);
        assertThat(told.entities()).containsOnly(entity).hasSize(2);

        // a group written again without one of its features loses it: nothing outlives the group's stamp unlisted
        join(store.write("default", entity, new FeatureGroupWrite("velocity", now.plusSeconds(1),
                now.plus(Duration.ofHours(1)), Map.of("velocity_sum_1m", 7.0))));
        assertThat(join(store.read("default", entity)).values()).containsOnlyKeys("avg_amount", "velocity_sum_1m");

        // a hash written without groups (no expiry) keeps none
        String legacy = "legacy-" + UUID.randomUUID();
        redis.sync().hset(RedisKeys.features("default", legacy), Map.of("avg_amount", "1"));
        join(store.write("default", legacy, new FeatureGroupWrite("velocity", now, now.plusSeconds(60),
                Map.of("velocity_count_1m", 1.0))));
        assertThat(redis.sync().pttl(RedisKeys.features("default", legacy))).isEqualTo(-1L);
        told.close();
    }

    @Test
    void velocity_windowsEndAtTheEventTime_andRedeliveryCountsOnce() {
        var velocity = velocity(ScriptScope.BATCH);
        String entity = "vel-" + UUID.randomUUID();

        enrich(velocity, decision("a", entity, T0.minus(Duration.ofHours(2)), 100));
        enrich(velocity, decision("b", entity, T0.minus(Duration.ofMinutes(30)), 10));
        enrich(velocity, decision("c", entity, T0.minusSeconds(20), 1));
        Map<String, Double> atT0 = enrich(velocity, decision("d", entity, T0, 2));
        Map<String, Double> again = enrich(velocity, decision("d", entity, T0, 2));

        assertThat(atT0).containsEntry("velocity_count_1m", 2.0).containsEntry("velocity_sum_1m", 3.0)
                .containsEntry("velocity_count_1h", 3.0).containsEntry("velocity_sum_1h", 13.0)
                .containsEntry("velocity_count_24h", 4.0).containsEntry("velocity_sum_24h", 113.0);
        assertThat(again).isEqualTo(atT0);
        Map<String, Double> lateOlder = enrich(velocity, decision("b", entity, T0.minus(Duration.ofMinutes(30)), 10));
        assertThat(lateOlder).containsEntry("velocity_count_24h", 2.0).containsEntry("velocity_sum_24h", 110.0);
    }

    @Test
    void velocity_countsDistinctMerchants_andWritesTheNewestAggregatesBackIntoTheOnlineFeatures() {
        var velocity = velocity(ScriptScope.BATCH);
        var features = new RedisFeatureStore(redis.async());
        String entity = "vel-" + UUID.randomUUID();
        FeatureUpdates invalidations = FeatureUpdates.listen();

        enrich(velocity, decision("a", entity, T0.minus(Duration.ofHours(2)), 100, "m-1"));
        enrich(velocity, decision("b", entity, T0.minus(Duration.ofMinutes(30)), 10, "m-2"));
        Map<String, Double> atT0 = enrich(velocity, decision("c", entity, T0, 1, "m-2"));

        assertThat(atT0).containsEntry("velocity_merchants_1h", 1.0).containsEntry("velocity_merchants_24h", 2.0);
        assertThat(join(features.read("default", entity)).values()).containsEntry("velocity_count_24h", 3.0)
                .containsEntry("velocity_merchants_24h", 2.0).doesNotContainKey("@velocity.event_time");
        // the feature group 'velocity', usable for 25 h after its event time; the hash expires with it
        assertThat(join(features.read("default", entity)).groups()).containsExactly(Map.entry("velocity",
                new GroupStamp(T0, T0.plus(Duration.ofHours(25)), Set.of("velocity_count_1m", "velocity_sum_1m",
                        "velocity_count_1h", "velocity_sum_1h", "velocity_count_24h", "velocity_sum_24h",
                        "velocity_merchants_1h", "velocity_merchants_24h"))));
        assertThat(redis.sync().pttl(RedisKeys.features("default", entity))).isBetween(
                Duration.ofHours(25).minusMinutes(5).toMillis(), Duration.ofHours(25).toMillis());

        // an older payment delivered late: its own windows, but the online features keep T0's
        Map<String, Double> late = enrich(velocity, decision("d", entity, T0.minus(Duration.ofMinutes(45)), 5, "m-3"));
        assertThat(late).containsEntry("velocity_count_24h", 2.0);
        assertThat(join(features.read("default", entity)).values()).containsEntry("velocity_count_24h", 3.0)
                .containsEntry("velocity_sum_24h", 111.0);
        assertThat(redis.sync().hget(RedisKeys.features("default", entity), "@velocity.event_time"))
                .isEqualTo(Long.toString(T0.toEpochMilli()));

        // a newer one is written back, and feature caches were told each time something was written
        enrich(velocity, decision("e", entity, T0.plusSeconds(10), 2, "m-1"));
        assertThat(join(features.read("default", entity)).values()).containsEntry("velocity_count_24h", 5.0);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> invalidations.entities().size() >= 4);
        assertThat(invalidations.entities()).containsOnly(entity).hasSize(4);
        invalidations.close();
    }

    @Test
    void velocity_eventStampedFarInTheFuture_doesNotEraseTheHistory() {
        var velocity = velocity(ScriptScope.BATCH);
        String entity = "vel-" + UUID.randomUUID();

        enrich(velocity, decision("a", entity, T0.minusSeconds(30), 5));
        enrich(velocity, decision("future", entity, T0.plus(Duration.ofDays(30)), 1));
        Map<String, Double> now = enrich(velocity, decision("b", entity, T0, 7));

        assertThat(now).containsEntry("velocity_count_1m", 2.0).containsEntry("velocity_sum_1m", 12.0);
    }

    @Test
    void velocity_trimsEventsPastTheRetention_andKeepsTheLogExpiring() {
        String entity = "vel-" + UUID.randomUUID();
        String log = RedisKeys.velocity("default", entity);
        var atT0 = velocity(ScriptScope.BATCH);
        // first an event stamped in the future: ahead of the older ones in the log, it must not shield them
        enrich(atT0, decision("future", entity, T0.plus(Duration.ofDays(30)), 1));
        for (int i = 0; i < 20; i++) {
            enrich(atT0, decision("old-" + i, entity, T0.minusSeconds(60L * i), 1));
        }
        assertThat(redis.sync().strlen(log)).isEqualTo(21 * 32);

        Instant dayAfter = T0.plus(Duration.ofHours(26));
        var later = new VelocityEnricher(redis.async(), Duration.ofHours(25), Duration.ofHours(25),
                Clock.fixed(dayAfter, ZoneOffset.UTC), ScriptScope.BATCH);
        Map<String, Double> now = enrich(later, decision("new", entity, dayAfter, 5));

        assertThat(now).containsEntry("velocity_count_24h", 1.0).containsEntry("velocity_sum_24h", 5.0);
        // the trim does not hold up the answer: wait for it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redis.sync().strlen(log))
                .as("the future event and the new one are left").isEqualTo(2 * 32));
        assertThat(redis.sync().pttl(log)).isBetween(Duration.ofHours(24).toMillis(), Duration.ofHours(25).toMillis());
    }

    @ParameterizedTest
    @EnumSource(ScriptScope.class)
    void velocity_aBatchInOneCallAnswersAsItsDecisionsOneByOne(ScriptScope scope) {
        var batched = velocity(scope);
        var oneByOne = velocity(scope);
        String run = UUID.randomUUID().toString();

        List<EnrichmentAnswer> together = join(batched.enrich(mixedBatch("together-" + run)));
        List<EnrichmentAnswer> alone = mixedBatch("alone-" + run).stream()
                .map(request -> join(oneByOne.enrich(List.of(request))).getFirst()).toList();

        assertThat(together).hasSize(7).isEqualTo(alone);
        assertThat(together.get(5)).isInstanceOfSatisfying(EnrichmentAnswer.Failure.class,
                failure -> assertThat(failure.reason()).contains("no numeric amount"));
        // events of one entity in one call see each other: the late a3 counts a1 before it, not a2 after it
        assertThat(((EnrichmentAnswer.Features) together.get(4)).values()).containsEntry("velocity_count_24h", 2.0)
                .containsEntry("velocity_sum_24h", 105.0);
        assertThat(((EnrichmentAnswer.Features) together.get(6)).values()).containsEntry("velocity_count_1m", 2.0)
                .containsEntry("velocity_sum_1m", 8.0);
        for (String entity : List.of("e1", "e2", "e3")) {
            assertThat(redis.sync().hgetall(RedisKeys.features("default", entity + "-together-" + run)))
                    .isEqualTo(redis.sync().hgetall(RedisKeys.features("default", entity + "-alone-" + run)));
        }
    }

    /**
     * Three entities, in an order that makes one call's events depend on each other: a repeated decision, an
     * event older than one already recorded, a decision without an amount. The decisions are named alike in every
     * batch; the entities are not.
     */
    static List<EnrichmentRequest> mixedBatch(String suffix) {
        String e1 = "e1-" + suffix;
        String e2 = "e2-" + suffix;
        String e3 = "e3-" + suffix;
        return List.of(decision("a1", e1, T0.minus(Duration.ofHours(2)), 100, "m-1"),
                decision("b1", e2, T0.minusSeconds(30), 7, "m-2"),
                decision("a2", e1, T0.minusSeconds(20), 10, "m-2"),
                decision("a2", e1, T0.minusSeconds(20), 10, "m-2"),
                decision("a3", e1, T0.minus(Duration.ofMinutes(45)), 5, "m-3"),
                new EnrichmentRequest("c1", "default", "payment-risk", e3, Priority.STANDARD,
                        Map.of("merchantId", "m-1"), Map.of(), T0, T0.plusSeconds(5)),
                decision("b2", e2, T0, 1, "m-2"));
    }

    /** The entities named on the default tenant's feature-updates channel since {@link #listen()}. */
    record FeatureUpdates(RedisClient client, java.util.concurrent.BlockingQueue<String> entities)
            implements AutoCloseable {

        static FeatureUpdates listen() {
            var entities = new java.util.concurrent.LinkedBlockingQueue<String>();
            RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
            var pubsub = client.connectPubSub();
            pubsub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    entities.add(message);
                }
            });
            pubsub.sync().subscribe(RedisKeys.featureUpdates("default"));
            return new FeatureUpdates(client, entities);
        }

        @Override
        public void close() {
            client.shutdown();
        }
    }

    /** Velocity at {@link #T0}, keeping 25 h of events and writing aggregates usable for 25 h. */
    VelocityEnricher velocity(ScriptScope scope) {
        return new VelocityEnricher(redis.async(), Duration.ofHours(25), Duration.ofHours(25),
                Clock.fixed(T0, ZoneOffset.UTC), scope);
    }

    static EnrichmentRequest decision(String id, String entity, Instant eventTime, double amount) {
        return decision(id, entity, eventTime, amount, "m-1");
    }

    static EnrichmentRequest decision(String id, String entity, Instant eventTime, double amount, String merchant) {
        return new EnrichmentRequest(id, "default", "payment-risk", entity, Priority.STANDARD,
                Map.of("amount", amount, "merchantId", merchant), Map.of(), eventTime, eventTime.plusSeconds(5));
    }

    /** The velocity features of one decision, enriched as a batch of one. */
    static Map<String, Double> enrich(VelocityEnricher velocity, EnrichmentRequest request) {
        EnrichmentAnswer answer = join(velocity.enrich(List.of(request))).getFirst();
        return ((EnrichmentAnswer.Features) answer).values();
    }

    static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
