package dev.tandem.api.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.InMemoryFeatureStore;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CachingFeatureStoreTests {

    static final FeatureCacheProperties SETTINGS = new FeatureCacheProperties(true, 1000, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(2));

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final RecordingStore store = new RecordingStore();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CachingFeatureStore cache = new CachingFeatureStore(store, SETTINGS, nanos::get, Runnable::run, meters);

    @Test
    void secondRead_isServedFromProcessMemory() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));

        read("e-1");
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 99.0)); // no invalidation sent
        EntityFeatures again = read("e-1");

        assertThat(again.values()).containsEntry("avg_amount", 10.0);
        assertThat(store.reads).containsExactly(List.of("e-1"));
        assertThat(requests("l1", "hit")).isEqualTo(1);
        assertThat(requests("l1", "miss")).isEqualTo(1);
        assertThat(requests("l2", "hit")).isEqualTo(1);
    }

    @Test
    void theEntitiesADecisionMisses_areReadInOneRoundTrip() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        read("e-1");

        List<EntityFeatures> read = cache.readAll("default", List.of("e-1", "merchant:m-1", "e-2"))
                .toCompletableFuture().join();

        assertThat(read).extracting(EntityFeatures::known).containsExactly(true, false, false);
        assertThat(store.reads).containsExactly(List.of("e-1"), List.of("merchant:m-1", "e-2"));
        assertThat(requests("l2", "miss")).isEqualTo(2);
    }

    @Test
    void concurrentReadsOfOneEntity_shareOneLoad() {
        store.stalled = true;
        CompletableFuture<List<EntityFeatures>> first = cache.readAll("default", List.of("e-1")).toCompletableFuture();
        CompletableFuture<List<EntityFeatures>> second = cache.readAll("default", List.of("e-1")).toCompletableFuture();
        assertThat(first).isNotDone();

        store.release(new EntityFeatures(Map.of("avg_amount", 5.0), true));

        assertThat(first.join().getFirst().values()).containsEntry("avg_amount", 5.0);
        assertThat(second.join()).isEqualTo(first.join());
        assertThat(store.reads).hasSize(1);
    }

    @Test
    void aCopyOlderThanTheReadersBudget_isReadAgain() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        read("e-1");
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 20.0));
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        EntityFeatures withinFiveSeconds = cache.readAll("default", List.of("e-1"), Duration.ofSeconds(5))
                .toCompletableFuture().join().getFirst();
        EntityFeatures withinOneSecond = cache.readAll("default", List.of("e-1"), Duration.ofSeconds(1))
                .toCompletableFuture().join().getFirst();

        assertThat(withinFiveSeconds.values()).containsEntry("avg_amount", 10.0);
        assertThat(withinOneSecond.values()).containsEntry("avg_amount", 20.0);
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void anUnknownEntity_isRememberedForTheNegativeTtlOnly() {
        read("ghost");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        read("ghost");
        assertThat(store.reads).hasSize(1);

        store.features.put("default", "ghost", "profile", Map.of("avg_amount", 1.0));
        nanos.addAndGet(Duration.ofMillis(1500).toNanos());

        assertThat(read("ghost").known()).isTrue();
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void aKnownEntityReadAfterRefreshAfter_isServedAtOnceAndReloadedBehind() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        read("e-1");
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        store.stalled = true; // the reload waits for Redis; the reader must not

        CompletableFuture<EntityFeatures> served = cache.read("default", "e-1").toCompletableFuture();
        assertThat(served).isCompletedWithValueMatching(features -> features.values().get("avg_amount") == 10.0);
        assertThat(store.reads).hasSize(2);
        store.release(new EntityFeatures(Map.of("avg_amount", 20.0), true));

        assertThat(read("e-1").values()).containsEntry("avg_amount", 20.0);
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void aRefreshThatFindsTheFeaturesUnchanged_keepsTheCachedCopy_asLoadedAtTheRefresh() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        EntityFeatures cached = read("e-1");
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        store.stalled = true;
        read("e-1"); // served the copy, refreshed behind
        store.release(new EntityFeatures(cached.values(), cached.known(), cached.groups())); // equal, not the same
        store.stalled = false; // a read that went to the store now answers, and is counted

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        EntityFeatures fresh = cache.readAll("default", List.of("e-1"), Duration.ofSeconds(1)).toCompletableFuture()
                .join().getFirst();

        assertThat(fresh).as("no new copy of what did not change").isSameAs(cached);
        assertThat(store.reads).as("and it counts as loaded at the refresh, not 11.5 s ago").hasSize(2);
    }

    @Test
    void aRefreshThatFindsTheFeaturesChanged_replacesTheCopy() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        EntityFeatures cached = read("e-1");
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 20.0));

        read("e-1"); // served the copy, refreshed behind

        assertThat(read("e-1")).isNotSameAs(cached).extracting(EntityFeatures::values)
                .isEqualTo(Map.of("avg_amount", 20.0));
    }

    @Test
    void aRefreshThatFails_keepsServingTheCopy_isCounted_andIsTriedAgainOnTheNextRead() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        read("e-1");
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        store.failing = true;

        assertThat(read("e-1").values()).containsEntry("avg_amount", 10.0);
        assertThat(read("e-1").values()).containsEntry("avg_amount", 10.0);
        assertThat(meters.counter(MetricNames.FEATURE_CACHE_REFRESH_FAILURES).count()).isEqualTo(2);

        store.failing = false;
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 20.0));
        read("e-1"); // served the copy, refreshed behind
        assertThat(read("e-1").values()).containsEntry("avg_amount", 20.0);
        assertThat(store.reads).hasSize(4);
    }

    @Test
    void everyCopy_expiresAfterTheTtl() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        read("e-1");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        read("e-1");

        assertThat(store.reads).hasSize(2);
    }

    @Test
    void forget_andWritesThroughTheCache_makeTheNextReadGoToTheStore() {
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));
        read("e-1");
        cache.forget("default", "e-1");
        read("e-1");
        Instant now = Instant.now();
        cache.write("default", "e-1", new FeatureGroupWrite("profile", now, now.plusSeconds(60),
                Map.of("avg_amount", 30.0))).toCompletableFuture().join();

        assertThat(read("e-1").values()).containsEntry("avg_amount", 30.0);
        assertThat(store.reads).hasSize(3);
    }

    @Test
    void aFailedLoad_isNotCached() {
        store.failing = true;
        assertThat(cache.readAll("default", List.of("e-1")).toCompletableFuture()).isCompletedExceptionally();
        store.failing = false;
        store.features.put("default", "e-1", "profile", Map.of("avg_amount", 10.0));

        assertThat(read("e-1").known()).isTrue();
    }

    private EntityFeatures read(String entityId) {
        return cache.read("default", entityId).toCompletableFuture().join();
    }

    private double requests(String tier, String result) {
        return meters.counter(MetricNames.FEATURE_CACHE_REQUESTS, MetricNames.TAG_TIER, tier,
                MetricNames.TAG_RESULT, result).count();
    }

    /** The L2 store: an in-memory one that records each round trip, and can stall or fail. */
    static final class RecordingStore implements FeatureStore {

        final InMemoryFeatureStore features = new InMemoryFeatureStore();
        final List<List<String>> reads = new ArrayList<>();
        final List<CompletableFuture<List<EntityFeatures>>> stalledReads = new ArrayList<>();
        volatile boolean stalled;
        volatile boolean failing;

        @Override
        public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
            return readAll(tenant, List.of(entityId)).thenApply(List::getFirst);
        }

        @Override
        public synchronized CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
            reads.add(List.copyOf(entityIds));
            if (failing) {
                return CompletableFuture.failedFuture(new IllegalStateException("redis is down"));
            }
            if (stalled) {
                var read = new CompletableFuture<List<EntityFeatures>>();
                stalledReads.add(read);
                return read;
            }
            return features.readAll(tenant, entityIds);
        }

        synchronized void release(EntityFeatures answer) {
            stalledReads.forEach(read -> read.complete(List.of(answer)));
        }

        @Override
        public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
            return features.write(tenant, entityId, group);
        }
    }
}
