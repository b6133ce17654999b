package dev.tandem.blender.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.failure.Await;
import dev.tandem.core.failure.DependencyException;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The deadline index in Redis: {@value #BUCKETS} sorted sets ({@link RedisKeys#deadlines}), a
 * decision's bucket chosen by the hash of its id, so that the writes spread over cluster slots.
 */
final class RedisDeadlineIndex implements DeadlineIndex {

    static final int BUCKETS = 16;

    private final RedisAsyncCommands<String, String> redis;
    private final Duration timeout;

    RedisDeadlineIndex(RedisAsyncCommands<String, String> redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<Long> add(String tenant, String decisionId, Instant deadline) {
        return redis.zadd(key(decisionId), deadline.toEpochMilli(), tenant + "/" + decisionId);
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        var reads = new ArrayList<CompletionStage<List<String>>>();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            reads.add(redis.zrangebyscore(RedisKeys.deadlines(bucket), Range.create(0, now.toEpochMilli()),
                    Limit.create(0, limit)));
        }
        var due = new ArrayList<Due>();
        for (CompletionStage<List<String>> read : reads) {
            for (String member : await(read, "reading due deadlines")) {
                int slash = member.indexOf('/');
                due.add(new Due(member.substring(0, slash), member.substring(slash + 1)));
            }
        }
        return due;
    }

    @Override
    public void remove(Due due) {
        await(redis.zrem(key(due.decisionId()), due.tenant() + "/" + due.decisionId()), "removing a deadline");
    }

    /** How many outcomes wait, across the buckets; NaN when Redis does not answer (a gauge reads it). */
    double size() {
        try {
            long total = 0;
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                total += await(redis.zcard(RedisKeys.deadlines(bucket)), "counting deadlines");
            }
            return total;
        }
        catch (DependencyException ex) {
            return Double.NaN;
        }
    }

    private static String key(String decisionId) {
        return RedisKeys.deadlines(Math.floorMod(decisionId.hashCode(), BUCKETS));
    }

    private <T> T await(CompletionStage<T> stage, String operation) {
        return Await.on(stage, timeout, "redis", operation);
    }
}
