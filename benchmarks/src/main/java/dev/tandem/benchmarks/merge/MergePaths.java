package dev.tandem.benchmarks.merge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore.ApplyResult;
import dev.tandem.core.outcome.RedisOutcomeStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lua merge and its two baselines. Call {@code n} merges enricher {@code e<k>} into outcome {@code j}, where
 * {@code j = n mod outcomes} and {@code k = n / outcomes}: every merge finds the version it expects and an enricher
 * not applied yet, so each is APPLIED, as long as fewer than {@code outcomes} calls are in flight.
 */
final class MergePaths {

    static final String TTL_SECONDS = "3600";

    private MergePaths() {
    }

    static List<MergePath> all(RedisAsyncCommands<String, String> redis, RedisOutcomeStore store,
            List<Outcome> created) {
        String emptySha = redis.scriptLoad("return 'APPLIED'").toCompletableFuture().join();
        var json = JsonMapper.builder().build();
        return List.of(luaApply(store, created), emptyScript(redis, emptySha, json, created),
                plainHset(redis, json, created));
    }

    /** {@code RedisOutcomeStore.apply}: apply.lua by EVALSHA, the outcome serialised to JSON on the caller. */
    static MergePath luaApply(RedisOutcomeStore store, List<Outcome> created) {
        return path("lua apply (apply.lua)", call -> {
            Outcome base = created.get((int) (call % created.size()));
            long round = call / created.size();
            String enricher = "e" + round;
            return store.apply(Outcomes.merged(base, enricher, round + 2), round + 1, enricher)
                    .thenApply(result -> result == ApplyResult.APPLIED);
        });
    }

    /** Baseline: EVALSHA of a script that returns at once, with the same key and arguments. */
    static MergePath emptyScript(RedisAsyncCommands<String, String> redis, String sha, JsonMapper json,
            List<Outcome> created) {
        return path("baseline: EVALSHA of an empty script", call -> {
            Outcome base = created.get((int) (call % created.size()));
            long round = call / created.size();
            String enricher = "e" + round;
            String doc = json.writeValueAsString(Outcomes.merged(base, enricher, round + 2));
            return redis.<String>evalsha(sha, ScriptOutputType.STATUS, new String[] { baselineKey(base) },
                    enricher, Long.toString(round + 1), doc, TTL_SECONDS).thenApply("APPLIED"::equals);
        });
    }

    /** Baseline: a plain HSET of the fields apply.lua writes (version, doc, marker), without any check. */
    static MergePath plainHset(RedisAsyncCommands<String, String> redis, JsonMapper json, List<Outcome> created) {
        return path("baseline: plain HSET, same fields", call -> {
            Outcome base = created.get((int) (call % created.size()));
            long round = call / created.size();
            String enricher = "e" + round;
            String doc = json.writeValueAsString(Outcomes.merged(base, enricher, round + 2));
            return redis.hset(baselineKey(base), Map.of("version", Long.toString(round + 2), "doc", doc,
                    "applied:" + enricher, "1")).thenApply(added -> added != null);
        });
    }

    private static String baselineKey(Outcome outcome) {
        return "bench:baseline:{" + outcome.decisionId() + "}";
    }

    private static MergePath path(String name, LongFunction<CompletionStage<Boolean>> write) {
        return new MergePath() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletionStage<Boolean> write(long call) {
                try {
                    return write.apply(call);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedStage(e);
                }
            }
        };
    }
}
