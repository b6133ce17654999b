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
import dev.tandem.workers.velocity.EventLog.Windows;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ByteArrayOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;

/**
 * Counts and sums of an entity's amounts over the last minute, hour and day, and its distinct merchants over the
 * last hour and day, ending at the decision's event time. Each entity's recent events are one Redis string, an
 * {@link EventLog}; for a batch, one pipeline appends each decision to its entity's log and reads the log back
 * ({@code APPEND}, {@code PEXPIRE}, {@code GET}: native commands, a memory copy each on Redis's thread), the windows
 * are computed here, and one Lua call per group of decisions ({@link ScriptScope}) writes the aggregates back into the
 * entities' online features, unless the store already holds aggregates of a later event (an older computation never
 * overwrites a newer one), naming each written entity on {@link RedisKeys#featureUpdates} so feature caches forget
 * it. Logs are trimmed of events past the retention now and then, by a script that drops only what is past it.
 * ADR 0020 says why the windows are computed here and not in Redis.
 */
public final class VelocityEnricher implements Enricher {

    /** The enricher's name in flows' {@code required-enrichers}. */
    public static final String NAME = "velocity";

    private static final LuaScript WRITE_BACK = LuaScript.load(VelocityEnricher.class, "write-back.lua");
    private static final LuaScript TRIM = LuaScript.load(VelocityEnricher.class, "trim.lua");

    /** The attribute of a decision that names the merchant, for the distinct-merchant counts. */
    public static final String MERCHANT_ATTRIBUTE = "merchantId";

    /** The numeric attribute of a decision that the windows count and sum. */
    public static final String AMOUNT_ATTRIBUTE = "amount";

    private final RedisAsyncCommands<String, String> redis;
    private final long retentionMillis;
    private final String featuresTtlMillis;
    private final Clock clock;
    private final ScriptScope scope;

    /**
     * @param redis commands of a shared, thread-safe connection
     * @param retention how long events are kept per entity, counted back from now; at least the largest window (24 h)
     * @param featuresTtl how long after their event time the aggregates written back may be used (feature group
     *        {@link FeatureGroups#VELOCITY})
     * @param clock the clock that says what now is
     * @param scope which requests of a batch share one write-back call
     */
    public VelocityEnricher(RedisAsyncCommands<String, String> redis, Duration retention, Duration featuresTtl,
            Clock clock, ScriptScope scope) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("velocity retention must be at least 24h, was " + retention);
        }
        this.redis = redis;
        this.retentionMillis = retention.toMillis();
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
        return "2";
    }

    /**
     * Two round trips per batch, whatever its size: the pipeline of appends and reads, then the write-back calls,
     * all sent before any answer is awaited. A request without a numeric {@code amount} gets a permanent failure
     * and is not sent; a Redis failure fails the batch as a {@link DependencyException}, so the partitions pause.
     * A batch redelivered after a failure appends its events again, which the windows count once.
     */
    @Override
    public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
        long now = clock.millis();
        long cutoff = now - retentionMillis;
        var events = new ArrayList<@Nullable Event>(batch.size());
        for (EnrichmentRequest request : batch) {
            OptionalDouble amount = request.number(AMOUNT_ATTRIBUTE);
            events.add(amount.isEmpty() ? null : record(request, amount.getAsDouble()));
        }
        CompletableFuture<?>[] reads = events.stream().filter(event -> event != null).map(event -> event.recorded)
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(reads).thenCompose(read -> writeBack(batch, events, now, cutoff))
                .handle((answers, failure) -> {
                    if (failure != null) {
                        throw new DependencyException("redis", "velocity windows",
                                failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                    return answers;
                });
    }

    /** Appends the decision to its entity's log, renews the log's expiry and reads it back, pipelined. */
    private Event record(EnrichmentRequest request, double amount) {
        String key = RedisKeys.velocity(request.tenant(), request.entityId());
        String merchant = request.text(MERCHANT_ATTRIBUTE);
        byte[] record = EventLog.record(request.eventTime().toEpochMilli(), amount, merchant, request.decisionId());
        CompletableFuture<Long> appended = redis.dispatch(CommandType.APPEND, new IntegerOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(key).add(record)).toCompletableFuture();
        CompletableFuture<Boolean> expiring = redis.pexpire(key, retentionMillis).toCompletableFuture();
        CompletableFuture<byte[]> log = redis.dispatch(CommandType.GET, new ByteArrayOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(key)).toCompletableFuture();
        return new Event(key, amount, merchant, CompletableFuture.allOf(appended, expiring, log), log);
    }

    private CompletableFuture<List<EnrichmentAnswer>> writeBack(List<EnrichmentRequest> batch, List<@Nullable Event> events,
            long now, long cutoff) {
        var answers = new ArrayList<EnrichmentAnswer>(batch.size());
        var groups = new LinkedHashMap<Object, WriteBack>();
        var calls = new ArrayList<CompletableFuture<?>>();
        for (int i = 0; i < batch.size(); i++) {
            EnrichmentRequest request = batch.get(i);
            Event event = events.get(i);
            if (event == null) {
                answers.add(EnrichmentAnswer.permanent("decision " + request.decisionId() + " has no numeric "
                        + AMOUNT_ATTRIBUTE));
                continue;
            }
            long eventTime = request.eventTime().toEpochMilli();
            Windows windows = EventLog.windows(event.log.join(), eventTime, event.amount, event.merchant,
                    request.decisionId(), cutoff);
            if (windows.worthTrimming()) {
                calls.add(TRIM.run(redis, ScriptOutputType.INTEGER, new String[] { event.key },
                        Long.toString(cutoff)).toCompletableFuture());
            }
            String features = RedisKeys.features(request.tenant(), request.entityId());
            groups.computeIfAbsent(scope.group(request.tenant(), features), key -> new WriteBack(request.tenant()))
                    .add(features, eventTime, windows, request.entityId());
            answers.add(new EnrichmentAnswer.Features(features(windows)));
        }
        groups.values().forEach(group -> calls.add(group.send(now)));
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> answers);
    }

    /**
     * A decision's event: appended, its log's expiry renewed ({@code recorded} completes when all three commands
     * have), and its entity's log as read back after the append.
     */
    private record Event(String key, double amount, @Nullable String merchant, CompletableFuture<Void> recorded,
            CompletableFuture<byte[]> log) {
    }

    /** Aggregates written back in one script call. */
    private final class WriteBack {

        private final String tenant;
        private final List<String> keys = new ArrayList<>();
        private final List<String> args = new ArrayList<>();

        WriteBack(String tenant) {
            this.tenant = tenant;
        }

        void add(String features, long eventTime, Windows windows, String entityId) {
            keys.add(features);
            args.add(Long.toString(eventTime));
            args.add(Long.toString(windows.count1m()));
            args.add(Double.toString(windows.sum1m()));
            args.add(Long.toString(windows.count1h()));
            args.add(Double.toString(windows.sum1h()));
            args.add(Long.toString(windows.count24h()));
            args.add(Double.toString(windows.sum24h()));
            args.add(Long.toString(windows.merchants1h()));
            args.add(Long.toString(windows.merchants24h()));
            args.add(entityId);
        }

        CompletableFuture<Long> send(long now) {
            var all = new ArrayList<String>(3 + args.size());
            all.add(Long.toString(now));
            all.add(featuresTtlMillis);
            all.add(RedisKeys.featureUpdates(tenant));
            all.addAll(args);
            return WRITE_BACK.<Long>run(redis, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                    all.toArray(String[]::new)).toCompletableFuture();
        }
    }

    private static Map<String, Double> features(Windows windows) {
        var features = new LinkedHashMap<String, Double>(16);
        features.put("velocity_count_1m", (double) windows.count1m());
        features.put("velocity_sum_1m", windows.sum1m());
        features.put("velocity_count_1h", (double) windows.count1h());
        features.put("velocity_sum_1h", windows.sum1h());
        features.put("velocity_count_24h", (double) windows.count24h());
        features.put("velocity_sum_24h", windows.sum24h());
        features.put("velocity_merchants_1h", (double) windows.merchants1h());
        features.put("velocity_merchants_24h", (double) windows.merchants24h());
        return features;
    }
}
