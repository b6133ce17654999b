package dev.tandem.core.outcome;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.redis.LuaScript;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Outcomes in Redis: one hash per decision ({@link RedisKeys#outcome}) with fields {@code version},
 * {@code doc} (the outcome as JSON) and {@code applied:<enricher>} markers. Each change is one Lua
 * script on one key, so it is atomic and, in a cluster, touches one slot.
 */
public final class RedisOutcomeStore implements OutcomeStore {

    private static final LuaScript CREATE = LuaScript.load(RedisOutcomeStore.class, "create.lua");
    private static final LuaScript APPLY = LuaScript.load(RedisOutcomeStore.class, "apply.lua");
    private static final LuaScript UPDATE = LuaScript.load(RedisOutcomeStore.class, "update.lua");

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
