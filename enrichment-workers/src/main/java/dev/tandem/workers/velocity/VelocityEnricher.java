package dev.tandem.workers.velocity;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.redis.LuaScript;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Counts and sums of an entity's amounts over the last minute, hour and day, and its distinct merchants over the
 * last hour and day, ending at the decision's event time, kept in one Redis sorted set per entity and computed in
 * one Lua call. The same call writes the aggregates back into the entity's online features, unless the store
 * already holds aggregates of a later event (an older computation never overwrites a newer one), and then names
 * the entity on {@link RedisKeys#featureUpdates} so feature caches forget it.
 */
public final class VelocityEnricher implements Enricher {

    /** The enricher's name in flows' {@code required-enrichers}. */
    public static final String NAME = "velocity";

    private static final LuaScript SCRIPT = LuaScript.load(VelocityEnricher.class, "velocity.lua");
    private static final String[] FEATURES = { "velocity_count_1m", "velocity_sum_1m", "velocity_count_1h",
            "velocity_sum_1h", "velocity_count_24h", "velocity_sum_24h", "velocity_merchants_1h",
            "velocity_merchants_24h" };

    /** The attribute of a decision that names the merchant, for the distinct-merchant counts. */
    public static final String MERCHANT_ATTRIBUTE = "merchantId";

    /** The numeric attribute of a decision that the windows count and sum. */
    public static final String AMOUNT_ATTRIBUTE = "amount";

    private final RedisAsyncCommands<String, String> redis;
    private final String retentionMillis;
    private final Clock clock;

    /**
     * @param redis commands of a shared, thread-safe connection
     * @param retention how long events are kept per entity, counted back from now; at least the largest window (24 h)
     * @param clock the clock that says what now is
     */
    public VelocityEnricher(RedisAsyncCommands<String, String> redis, Duration retention, Clock clock) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("velocity retention must be at least 24h, was " + retention);
        }
        this.redis = redis;
        this.retentionMillis = Long.toString(retention.toMillis());
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    /**
     * One Lua call per request, all sent before any answer is awaited (Lettuce pipelines them on the shared
     * connection), so a batch costs about one round trip. A request without a numeric {@code amount} gets a
     * permanent failure; a Redis failure fails the batch as a {@link DependencyException}, so the partitions pause
     * and no event is left out of an entity's windows.
     */
    @Override
    public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
        var calls = new ArrayList<CompletableFuture<EnrichmentAnswer>>(batch.size());
        for (EnrichmentRequest request : batch) {
            calls.add(enrich(request).toCompletableFuture());
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        throw new DependencyException("redis", "velocity windows",
                                failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                    return calls.stream().map(CompletableFuture::join).toList();
                });
    }

    private CompletionStage<EnrichmentAnswer> enrich(EnrichmentRequest request) {
        OptionalDouble amount = request.number(AMOUNT_ATTRIBUTE);
        if (amount.isEmpty()) {
            return CompletableFuture.completedFuture(EnrichmentAnswer.permanent("decision " + request.decisionId()
                    + " has no numeric " + AMOUNT_ATTRIBUTE));
        }
        String[] keys = { RedisKeys.velocity(request.tenant(), request.entityId()),
                RedisKeys.features(request.tenant(), request.entityId()) };
        String merchant = request.text(MERCHANT_ATTRIBUTE);
        CompletionStage<List<Object>> reply = SCRIPT.run(redis, ScriptOutputType.MULTI, keys, request.decisionId(),
                Long.toString(request.eventTime().toEpochMilli()), Double.toString(amount.getAsDouble()),
                retentionMillis, Long.toString(clock.millis()), merchant == null ? "" : merchant.replace("|", "/"),
                RedisKeys.featureUpdates(request.tenant()), request.entityId());
        return reply.thenApply(values -> new EnrichmentAnswer.Features(features(values)));
    }

    private static Map<String, Double> features(List<Object> reply) {
        var features = new LinkedHashMap<String, Double>();
        for (int i = 0; i < FEATURES.length; i++) {
            features.put(FEATURES[i], Double.parseDouble(reply.get(i).toString()));
        }
        return features;
    }
}
