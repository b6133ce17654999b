package dev.tandem.workers.velocity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and sums of an entity's amounts over the last minute, hour and day, and its distinct merchants over the
 * last hour and day, ending at the decision's event time. Each entity's recent events are one Redis string, an
 * {@link EventLog}. For each group of a batch's decisions ({@link ScriptScope}), one Lua call appends each decision
 * to its entity's log and returns the log (a memory copy each on Redis's thread), the windows are computed here, and
 * a second call writes the aggregates back into the
 * entities' online features, unless the store already holds aggregates of a later event (an older computation never
 * overwrites a newer one), naming each written entity on {@link RedisKeys#featureUpdates} so feature caches forget
 * it. Logs are trimmed of events past the retention now and then, by a script that drops only what is past it.
 * ADR 0020 says why the windows are computed here and not in Redis.
 */
public final class VelocityEnricher implements Enricher {

    /** The enricher's name in flows' {@code required-enrichers}. */
    public static final String NAME = "velocity";

    /** Where a batch's windows are computed: not on Lettuce's I/O thread, which every Redis reply of the worker needs. */
    private static final Executor WINDOWS = command -> Thread.ofVirtual().name("velocity-windows").start(command);
    private static final Logger log = LoggerFactory.getLogger(VelocityEnricher.class);

    private static final LuaScript RECORD = LuaScript.load(VelocityEnricher.class, "record.lua");
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
     * Two script calls per group of requests ({@link ScriptScope}), whatever its size: one records the events and
     * reads the logs back, the other writes the aggregates back; each sent for every group before any answer is
     * awaited. A request without a numeric {@code amount} gets a permanent failure and is not sent; a Redis failure
     * fails the batch as a {@link DependencyException}, so the partitions pause. A batch redelivered after a
     * failure appends its events again, which the windows count once.
     */
    @Override
    public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
        long now = clock.millis();
        var groups = new LinkedHashMap<Object, Group>();
        var events = new ArrayList<@Nullable Event>(batch.size());
        for (EnrichmentRequest request : batch) {
            OptionalDouble amount = request.number(AMOUNT_ATTRIBUTE);
            if (amount.isEmpty()) {
                events.add(null);
                continue;
            }
            String log = RedisKeys.velocity(request.tenant(), request.entityId());
            Group group = groups.computeIfAbsent(scope.group(request.tenant(), log), key -> new Group(request.tenant()));
            events.add(group.record(request, log, amount.getAsDouble()));
        }
        var recorded = groups.values().stream().map(Group::send).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(recorded)
                .thenComposeAsync(read -> writeBack(batch, events, groups.values(), now), WINDOWS)
                .handle((answers, failure) -> {
                    if (failure != null) {
                        throw new DependencyException("redis", "velocity windows",
                                failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                    return answers;
                });
    }

    private CompletableFuture<List<EnrichmentAnswer>> writeBack(List<EnrichmentRequest> batch,
            List<@Nullable Event> events, Collection<Group> groups, long now) {
        long cutoff = now - retentionMillis;
        var answers = new ArrayList<EnrichmentAnswer>(batch.size());
        var trimmed = new HashSet<String>();
        for (int i = 0; i < batch.size(); i++) {
            EnrichmentRequest request = batch.get(i);
            Event event = events.get(i);
            if (event == null) {
                answers.add(EnrichmentAnswer.permanent("decision " + request.decisionId() + " has no numeric "
                        + AMOUNT_ATTRIBUTE));
                continue;
            }
            long eventTime = request.eventTime().toEpochMilli();
            Windows windows = EventLog.windows(event.log(), event.length(), eventTime, event.amount(),
                    event.merchant(), request.decisionId(), cutoff);
            if (windows.worthTrimming() && trimmed.add(event.key())) {
                trim(event.key(), cutoff);
            }
            event.group().writeBack(RedisKeys.features(request.tenant(), request.entityId()), eventTime, windows,
                    request.entityId());
            answers.add(new EnrichmentAnswer.Features(features(windows)));
        }
        var calls = groups.stream().map(group -> group.sendWriteBack(now)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(calls).thenApply(done -> answers);
    }

    /**
     * Drops a log's events past the retention, without waiting: trimming only saves later reads, so a failure is
     * logged, not the batch's (the next decision of the entity asks again).
     */
    private void trim(String key, long cutoff) {
        TRIM.<Long>run(redis, ScriptOutputType.INTEGER, new String[] { key }, Long.toString(cutoff))
                .whenComplete((dropped, failure) -> {
                    if (failure != null) {
                        log.atWarn().setCause(failure).addKeyValue("key", key).log("velocity log not trimmed");
                    }
                });
    }

    /** A decision's event, its group, and where its view of its entity's log is in the group's reply. */
    private record Event(Group group, int index, String key, double amount, @Nullable String merchant) {

        /** The entity's log, as the group's call returned it after the last of its events in the call. */
        byte @Nullable [] log() {
            return group.log(key);
        }

        /** How much of the log the event sees: the log's length right after its append. */
        int length() {
            return group.length(index);
        }
    }

    /** Requests that go to Redis in the same two script calls. */
    private final class Group {

        private final String tenant;
        private final List<String> logKeys = new ArrayList<>();
        private final List<byte[]> recordArgs = new ArrayList<>();
        private final List<String> featureKeys = new ArrayList<>();
        private final List<String> writeBackArgs = new ArrayList<>();
        /** The record call's reply: each event's log length, then each entity's log at its last event. */
        private final CompletableFuture<List<@Nullable Object>> reply = new CompletableFuture<>();
        private final Map<String, Integer> lastEvent = new HashMap<>();

        Group(String tenant) {
            this.tenant = tenant;
            recordArgs.add(Long.toString(retentionMillis).getBytes(StandardCharsets.US_ASCII));
        }

        Event record(EnrichmentRequest request, String log, double amount) {
            String merchant = request.text(MERCHANT_ATTRIBUTE);
            int index = logKeys.size();
            logKeys.add(log);
            lastEvent.put(log, index);
            recordArgs.add(EventLog.record(request.eventTime().toEpochMilli(), amount, merchant,
                    request.decisionId()));
            return new Event(this, index, log, amount, merchant);
        }

        CompletableFuture<List<@Nullable Object>> send() {
            RECORD.run(redis, BinaryListOutput::new, logKeys.toArray(String[]::new), recordArgs)
                    .whenComplete((logs, failure) -> {
                        if (failure != null) {
                            reply.completeExceptionally(failure);
                        } else if (logs.size() != 2 * logKeys.size()) {
                            reply.completeExceptionally(new IllegalStateException("velocity record reply has "
                                    + logs.size() + " elements for " + logKeys.size() + " events"));
                        } else {
                            reply.complete(logs);
                        }
                    });
            return reply;
        }

        byte @Nullable [] log(String key) {
            return (byte[]) reply.join().get(logKeys.size() + lastEvent.get(key));
        }

        int length(int index) {
            return Math.toIntExact((Long) reply.join().get(index));
        }

        void writeBack(String features, long eventTime, Windows windows, String entityId) {
            featureKeys.add(features);
            writeBackArgs.add(Long.toString(eventTime));
            writeBackArgs.add(Long.toString(windows.count1m()));
            writeBackArgs.add(Double.toString(windows.sum1m()));
            writeBackArgs.add(Long.toString(windows.count1h()));
            writeBackArgs.add(Double.toString(windows.sum1h()));
            writeBackArgs.add(Long.toString(windows.count24h()));
            writeBackArgs.add(Double.toString(windows.sum24h()));
            writeBackArgs.add(Long.toString(windows.merchants1h()));
            writeBackArgs.add(Long.toString(windows.merchants24h()));
            writeBackArgs.add(entityId);
        }

        CompletableFuture<Long> sendWriteBack(long now) {
            var args = new ArrayList<String>(3 + writeBackArgs.size());
            args.add(Long.toString(now));
            args.add(featuresTtlMillis);
            args.add(RedisKeys.featureUpdates(tenant));
            args.addAll(writeBackArgs);
            return WRITE_BACK.<Long>run(redis, ScriptOutputType.INTEGER, featureKeys.toArray(String[]::new),
                    args.toArray(String[]::new)).toCompletableFuture();
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
