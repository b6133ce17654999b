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
import dev.tandem.schemas.FeatureGroups;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Counts and sums of an entity's amounts over the last minute, hour and day, and its distinct merchants over the
 * last hour and day, ending at the decision's event time, kept in one Redis sorted set per entity and computed by
 * one Lua call for many decisions ({@link ScriptScope}). The call writes each decision's aggregates back into its
 * entity's online features, unless the store already holds aggregates of a later event (an older computation never
 * overwrites a newer one), and then names the entity on {@link RedisKeys#featureUpdates} so feature caches forget
 * it.
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
    private final String featuresTtlMillis;
    private final Clock clock;
    private final ScriptScope scope;

    /**
     * @param redis commands of a shared, thread-safe connection
     * @param retention how long events are kept per entity, counted back from now; at least the largest window (24 h)
     * @param featuresTtl how long after their event time the aggregates written back may be used (feature group
     *        {@link FeatureGroups#VELOCITY})
     * @param clock the clock that says what now is
     * @param scope which requests of a batch share one script call
     */
    public VelocityEnricher(RedisAsyncCommands<String, String> redis, Duration retention, Duration featuresTtl,
            Clock clock, ScriptScope scope) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("velocity retention must be at least 24h, was " + retention);
        }
        this.redis = redis;
        this.retentionMillis = Long.toString(retention.toMillis());
        this.featuresTtlMillis = Long.toString(featuresTtl.toMillis());
        this.clock = clock;
        this.scope = scope;
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
     * One Lua call per group of requests ({@link ScriptScope}: the whole batch of a tenant on one server, the
     * requests of one hash slot in a cluster), all sent before any answer is awaited. Redis's cost per record is then
     * the script's work, not a command's parsing, reply and socket wake-up each (docs/benchmarks.md, "Enricher
     * batching"). A request without a numeric {@code amount} gets a permanent failure and is not sent; a Redis
     * failure fails the batch as a {@link DependencyException}, so the partitions pause and no event is left out of
     * an entity's windows.
     */
    @Override
    public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
        var answers = new ArrayList<CompletableFuture<EnrichmentAnswer>>(batch.size());
        var groups = new LinkedHashMap<Object, Group>();
        for (EnrichmentRequest request : batch) {
            OptionalDouble amount = request.number(AMOUNT_ATTRIBUTE);
            if (amount.isEmpty()) {
                answers.add(CompletableFuture.completedFuture(EnrichmentAnswer.permanent("decision "
                        + request.decisionId() + " has no numeric " + AMOUNT_ATTRIBUTE)));
                continue;
            }
            String events = RedisKeys.velocity(request.tenant(), request.entityId());
            Group group = groups.computeIfAbsent(scope.group(request.tenant(), events),
                    key -> new Group(request.tenant()));
            answers.add(group.add(request, events, amount.getAsDouble()));
        }
        String now = Long.toString(clock.millis());
        for (Group group : groups.values()) {
            group.send(now);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        throw new DependencyException("redis", "velocity windows",
                                failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                    return answers.stream().map(CompletableFuture::join).toList();
                });
    }

    /** Requests that go to Redis in one script call, and the answers waiting for it. */
    private final class Group {

        private final String tenant;
        private final List<String> keys = new ArrayList<>();
        private final List<String> events = new ArrayList<>();
        private final List<String> entities = new ArrayList<>();
        private final List<CompletableFuture<EnrichmentAnswer>> answers = new ArrayList<>();

        Group(String tenant) {
            this.tenant = tenant;
        }

        CompletableFuture<EnrichmentAnswer> add(EnrichmentRequest request, String eventsKey, double amount) {
            keys.add(eventsKey);
            keys.add(RedisKeys.features(request.tenant(), request.entityId()));
            String merchant = request.text(MERCHANT_ATTRIBUTE);
            events.add(request.decisionId());
            events.add(Long.toString(request.eventTime().toEpochMilli()));
            events.add(Double.toString(amount));
            events.add(merchant == null ? "" : merchant.replace("|", "/"));
            entities.add(request.entityId());
            var answer = new CompletableFuture<EnrichmentAnswer>();
            answers.add(answer);
            return answer;
        }

        void send(String now) {
            var args = new ArrayList<String>(4 + events.size() + entities.size());
            args.add(retentionMillis);
            args.add(now);
            args.add(RedisKeys.featureUpdates(tenant));
            args.add(featuresTtlMillis);
            args.addAll(events);
            args.addAll(entities);
            SCRIPT.<List<Object>>run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new),
                    args.toArray(String[]::new)).whenComplete((replies, failure) -> {
                        for (int i = 0; i < answers.size(); i++) {
                            CompletableFuture<EnrichmentAnswer> answer = answers.get(i);
                            if (failure != null) {
                                answer.completeExceptionally(failure);
                                continue;
                            }
                            try {
                                answer.complete(new EnrichmentAnswer.Features(features((List<?>) replies.get(i))));
                            } catch (RuntimeException malformed) {
                                answer.completeExceptionally(malformed);
                            }
                        }
                    });
        }
    }

    private static Map<String, Double> features(List<?> reply) {
        var features = new LinkedHashMap<String, Double>();
        for (int i = 0; i < FEATURES.length; i++) {
            features.put(FEATURES[i], Double.parseDouble(reply.get(i).toString()));
        }
        return features;
    }
}
