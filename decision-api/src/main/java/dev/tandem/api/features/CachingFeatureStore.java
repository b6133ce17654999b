package dev.tandem.api.features;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * L1 in front of the online store (L2): entities' features held in process (Caffeine), bounded in size, each kept
 * for the configured ttl at most, an unknown entity for the shorter negative ttl; an entity read again after
 * {@code refresh-after} is reloaded in the background while its copy is served. Concurrent reads of one entity
 * share one load; the entities a decision misses are loaded in one round trip. {@link #forget} drops an entity
 * (the pub/sub invalidation calls it when a writer changes its features).
 *
 * <p>Counts {@code tandem.feature.cache.requests} by tier and result: an L1 hit is served from process memory
 * (possibly joining a load already under way); every L1 miss and refresh is an L2 read, a hit when Redis knows the
 * entity. Thread-safe.
 */
final class CachingFeatureStore implements FeatureStore {

    /** One entity of one tenant. */
    record EntityKey(String tenant, String entityId) {
    }

    /** Features as read from the store, and when (the ticker's nanoseconds). */
    record Cached(EntityFeatures features, long loadedAt) {
    }

    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 2);

    private final FeatureStore store;
    private final AsyncLoadingCache<EntityKey, Cached> cache;
    private final Ticker ticker;
    private final Counter l1Hits;
    private final Counter l1Misses;
    private final Counter l2Hits;
    private final Counter l2Misses;
    private final Counter refreshFailures;

    CachingFeatureStore(FeatureStore store, FeatureCacheProperties settings, Ticker ticker, Executor executor,
            MeterRegistry meters) {
        this.store = store;
        this.ticker = ticker;
        this.l1Hits = requests(meters, "l1", "hit");
        this.l1Misses = requests(meters, "l1", "miss");
        this.l2Hits = requests(meters, "l2", "hit");
        this.l2Misses = requests(meters, "l2", "miss");
        this.refreshFailures = Counter.builder(MetricNames.FEATURE_CACHE_REFRESH_FAILURES)
                .description("background refreshes that failed; the cached copy is served on until its ttl")
                .register(meters);
        long ttl = settings.ttl().toNanos();
        long negativeTtl = settings.negativeTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfter(Expiry.<EntityKey, Cached>writing((key, cached) ->
                        Duration.ofNanos(cached.features().known() ? ttl : negativeTtl)))
                .refreshAfterWrite(settings.refreshAfter())
                .ticker(ticker)
                .executor(executor)
                .recordStats()
                .buildAsync(new Loader());
        CaffeineCacheMetrics.monitor(meters, cache, "tandem.features");
    }

    private static Counter requests(MeterRegistry meters, String tier, String result) {
        return Counter.builder(MetricNames.FEATURE_CACHE_REQUESTS).tag(MetricNames.TAG_TIER, tier)
                .tag(MetricNames.TAG_RESULT, result).description("online feature reads by cache tier and result")
                .register(meters);
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return readAll(tenant, List.of(entityId)).thenApply(List::getFirst);
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        return readAll(tenant, entityIds, ChronoUnit.FOREVER.getDuration());
    }

    /** Serves each entity from L1 when its copy is at most {@code maxAge} old, else from L2; one round trip. */
    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds, Duration maxAge) {
        long now = ticker.read();
        long maxNanos = saturatedNanos(maxAge);
        var answers = new ArrayList<CompletableFuture<Cached>>(entityIds.size());
        var missing = new LinkedHashMap<EntityKey, Integer>();
        for (String entityId : entityIds) {
            var key = new EntityKey(tenant, entityId);
            CompletableFuture<Cached> present = cache.getIfPresent(key);
            if (present != null && present.isCompletedExceptionally()) {
                present = null; // a failed load Caffeine has not dropped yet: load again
            }
            if (present != null && (!present.isDone() || usable(present, now, maxNanos))) {
                l1Hits.increment();
                answers.add(present);
            }
            else if (present != null) {
                l1Misses.increment(); // too old for this flow: read again, sharing the reload with other readers
                answers.add(cache.synchronous().refresh(key));
            }
            else {
                l1Misses.increment();
                missing.put(key, answers.size());
                answers.add(null);
            }
        }
        if (!missing.isEmpty()) {
            CompletableFuture<Map<EntityKey, Cached>> loaded = cache.getAll(missing.keySet());
            missing.forEach((key, index) -> answers.set(index, loaded.thenApply(all -> all.get(key))));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(answer -> answer.join().features()).toList());
    }

    /** {@code duration} in nanoseconds, at most about 146 years. */
    private static long saturatedNanos(Duration duration) {
        return duration.compareTo(LONGEST) >= 0 ? LONGEST.toNanos() : duration.toNanos();
    }

    private static boolean usable(CompletableFuture<Cached> present, long now, long maxNanos) {
        Cached cached = present.getNow(null);
        return cached != null && now - cached.loadedAt() <= maxNanos;
    }

    /** Writes through to the store and drops the cached copy (the store also tells every instance). */
    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        return store.write(tenant, entityId, group).whenComplete((written, failure) -> forget(tenant, entityId));
    }

    /** Drops an entity's cached features: the next read goes to the store. */
    void forget(String tenant, String entityId) {
        cache.synchronous().invalidate(new EntityKey(tenant, entityId));
    }

    /** Drops every cached entity (after invalidations may have been missed). */
    void forgetAll() {
        cache.synchronous().invalidateAll();
    }

    /** Entities cached now, approximately. */
    long size() {
        return cache.synchronous().estimatedSize();
    }

    /** Reads the store: one entity, or all a decision missed in one pipelined round trip, tenant by tenant. */
    private final class Loader implements AsyncCacheLoader<EntityKey, Cached> {

        @Override
        public CompletableFuture<Cached> asyncLoad(EntityKey key, Executor executor) {
            return store.read(key.tenant(), key.entityId()).thenApply(this::loaded).toCompletableFuture();
        }

        @Override
        public CompletableFuture<Map<EntityKey, Cached>> asyncLoadAll(Set<? extends EntityKey> keys,
                Executor executor) {
            var byTenant = new HashMap<String, List<EntityKey>>();
            for (EntityKey key : keys) {
                byTenant.computeIfAbsent(key.tenant(), tenant -> new ArrayList<>()).add(key);
            }
            var reads = new ArrayList<CompletableFuture<Map<EntityKey, Cached>>>();
            byTenant.forEach((tenant, tenantKeys) -> reads.add(store.readAll(tenant,
                    tenantKeys.stream().map(EntityKey::entityId).toList()).toCompletableFuture().thenApply(read -> {
                        var loaded = new HashMap<EntityKey, Cached>();
                        for (int i = 0; i < tenantKeys.size(); i++) {
                            loaded.put(tenantKeys.get(i), loaded(read.get(i)));
                        }
                        return loaded;
                    })));
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
                var all = new HashMap<EntityKey, Cached>();
                reads.forEach(read -> all.putAll(read.join()));
                return all;
            });
        }

        /**
         * A refresh that fails keeps the cached copy (until its ttl) and is counted, not logged: under load its causes
         * are the store's protections at work (the bulkhead full, the circuit open, a timeout), each counted where it
         * happens, and Caffeine logs every failed refresh but a cancelled one with its stack, hundreds a second.
         */
        @Override
        public CompletableFuture<Cached> asyncReload(EntityKey key, Cached old, Executor executor) {
            return asyncLoad(key, executor).thenApply(reloaded -> unchanged(old, reloaded))
                    .exceptionallyCompose(failure -> {
                        refreshFailures.increment();
                        var quiet = new CancellationException("refreshing " + key + " failed: " + failure);
                        quiet.initCause(failure);
                        return CompletableFuture.failedFuture(quiet);
                    });
        }

        /**
         * The reloaded copy, or the cached features under the reload's time when the store answered the same. An
         * entity's features live from one refresh to the next (10 s by default) or longer: a new copy of unchanged
         * ones would be copied from survivor space to survivor space at each young collection meanwhile, most of
         * what G1's pauses copied at 3,000 decisions/s (ADR 0039).
         */
        private static Cached unchanged(Cached old, Cached reloaded) {
            return reloaded.features().equals(old.features()) ? new Cached(old.features(), reloaded.loadedAt())
                    : reloaded;
        }

        private Cached loaded(EntityFeatures features) {
            (features.known() ? l2Hits : l2Misses).increment();
            return new Cached(features, ticker.read());
        }
    }
}
