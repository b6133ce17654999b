package dev.tandem.core.outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.redis.LuaScript;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outcomes in Redis: one hash per decision ({@link RedisKeys#outcome}) with fields {@code version},
 * {@code doc} (the outcome as JSON), {@code applied:<enricher>} markers and, until its event is published, {@code
 * outbox} (indexed in {@link RedisKeys#outbox}). Each change is one Lua
 * script on one key, so it is atomic and, in a cluster, touches one slot.
 */
public final class RedisOutcomeStore implements OutcomeStore {

    private static final LuaScript CREATE = LuaScript.load(RedisOutcomeStore.class, "create.lua");
    private static final LuaScript APPLY = LuaScript.load(RedisOutcomeStore.class, "apply.lua");
    private static final LuaScript UPDATE = LuaScript.load(RedisOutcomeStore.class, "update.lua");

    /** Sorted sets the outbox index is spread over ({@link RedisKeys#outbox}), so no one key takes every write. */
    static final int OUTBOX_BUCKETS = 16;
    private static final String OUTBOX_FIELD = "outbox";

    private static final Logger log = LoggerFactory.getLogger(RedisOutcomeStore.class);

    private final RedisAsyncCommands<String, String> redis;
    private final String ttlSeconds;

    /**
     * @param redis commands of a shared, thread-safe connection
     * @param timeToLive how long an outcome is kept after its last change
     */
    public RedisOutcomeStore(RedisAsyncCommands<String, String> redis, Duration timeToLive) {
        this.redis = redis;
        this.ttlSeconds = Long.toString(timeToLive.toSeconds());
    }

    @Override
    public CompletionStage<CreateResult> create(Outcome outcome) {
        String[] keys = { RedisKeys.outcome(outcome.tenant(), outcome.decisionId()) };
        return CREATE.<String>run(redis, ScriptOutputType.VALUE, keys, OutcomeJson.write(outcome), ttlSeconds)
                .thenApply(stored -> stored == null ? new Created(outcome) : new Existing(OutcomeJson.read(stored)));
    }

    /**
     * Indexes the outbox entry, then creates the outcome with it: two commands sent together (one round trip), in
     * that order, so an entry the relay cannot find in the index never exists; an index member whose outcome holds
     * no entry (it existed already, or was published) is dropped by the relay.
     */
    @Override
    public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
        // NX: a repeated request does not push its decision's relay further away
        CompletableFuture<Long> indexed = redis.zadd(outboxIndex(outcome.decisionId()), ZAddArgs.Builder.nx(),
                (double) System.currentTimeMillis(), outcome.tenant() + '/' + outcome.decisionId()).toCompletableFuture();
        String[] keys = { RedisKeys.outcome(outcome.tenant(), outcome.decisionId()) };
        CompletableFuture<CreateResult> created = CREATE.<String>run(redis, ScriptOutputType.VALUE, keys,
                OutcomeJson.write(outcome), ttlSeconds, announcement.toField())
                .thenApply(stored -> stored == null ? (CreateResult) new Created(outcome)
                        : new Existing(OutcomeJson.read(stored)))
                .toCompletableFuture();
        // an entry the relay could not find must not be acknowledged: the index failing fails the create
        return indexed.thenCombine(created, (index, result) -> result);
    }

    @Override
    public CompletionStage<Void> published(String tenant, String decisionId) {
        var dropped = redis.hdel(RedisKeys.outcome(tenant, decisionId), OUTBOX_FIELD).toCompletableFuture();
        var unindexed = redis.zrem(outboxIndex(decisionId), tenant + '/' + decisionId).toCompletableFuture();
        return CompletableFuture.allOf(dropped, unindexed);
    }

    @Override
    public CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit) {
        var reads = new ArrayList<CompletableFuture<List<String>>>(OUTBOX_BUCKETS);
        for (int bucket = 0; bucket < OUTBOX_BUCKETS; bucket++) {
            reads.add(redis.zrangebyscore(RedisKeys.outbox(bucket), Range.create(0, before.toEpochMilli()),
                    Limit.create(0, limit)).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            var members = new ArrayList<String>();
            reads.forEach(read -> members.addAll(read.join()));
            var entries = new ArrayList<CompletableFuture<Optional<OutboxEntry>>>(members.size());
            for (String member : members) {
                int slash = member.indexOf('/');
                String tenant = member.substring(0, slash);
                String decisionId = member.substring(slash + 1);
                entries.add(redis.hget(RedisKeys.outcome(tenant, decisionId), OUTBOX_FIELD).toCompletableFuture()
                        .thenApply(field -> {
                            if (field == null) {
                                redis.zrem(outboxIndex(decisionId), member); // published, or the outcome expired
                                return Optional.empty();
                            }
                            try {
                                return Optional.of(OutboxEntry.ofField(tenant, decisionId, field));
                            }
                            catch (IllegalArgumentException unreadable) {
                                // one entry this version cannot read must not stop the others: left for a
                                // version that can, and said once per look
                                log.atWarn().addKeyValue("decisionId", decisionId).setCause(unreadable)
                                        .log("outbox entry not readable; skipped");
                                return Optional.empty();
                            }
                        }));
            }
            return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply(all -> entries
                    .stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
        });
    }

    private static String outboxIndex(String decisionId) {
        return RedisKeys.outbox(Math.floorMod(decisionId.hashCode(), OUTBOX_BUCKETS));
    }

    @Override
    public CompletionStage<Optional<Outcome>> find(String tenant, String decisionId) {
        return redis.hget(RedisKeys.outcome(tenant, decisionId), "doc")
                .thenApply(json -> Optional.ofNullable(json).map(OutcomeJson::read));
    }

    @Override
    public CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher) {
        if (next.version() != expectedVersion + 1) {
            return CompletableFuture.failedStage(new IllegalArgumentException(
                    "next version must be " + (expectedVersion + 1) + ", was " + next.version()));
        }
        String[] keys = { RedisKeys.outcome(next.tenant(), next.decisionId()) };
        return APPLY.<String>run(redis, ScriptOutputType.STATUS, keys, enricher, Long.toString(expectedVersion),
                OutcomeJson.write(next), ttlSeconds).thenApply(ApplyResult::valueOf);
    }

    @Override
    public CompletionStage<ApplyResult> update(Outcome next, long expectedVersion) {
        if (next.version() != expectedVersion + 1) {
            return CompletableFuture.failedStage(new IllegalArgumentException(
                    "next version must be " + (expectedVersion + 1) + ", was " + next.version()));
        }
        String[] keys = { RedisKeys.outcome(next.tenant(), next.decisionId()) };
        return UPDATE.<String>run(redis, ScriptOutputType.STATUS, keys, Long.toString(expectedVersion),
                OutcomeJson.write(next), ttlSeconds).thenApply(ApplyResult::valueOf);
    }
}
