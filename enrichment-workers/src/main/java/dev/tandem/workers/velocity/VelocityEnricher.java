package dev.tandem.workers.velocity;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.redis.LuaScript;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.workers.enrichment.Enricher;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Counts and sums of an entity's amounts over the last minute, hour and day, ending at the
 * decision's event time, kept in one Redis sorted set per entity and computed in one Lua call.
 */
public final class VelocityEnricher implements Enricher {

    /** The enricher's name in flows' {@code required-enrichers}. */
    public static final String NAME = "velocity";

    private static final LuaScript SCRIPT = LuaScript.load(VelocityEnricher.class, "velocity.lua");
    private static final String[] FEATURES = { "velocity_count_1m", "velocity_sum_1m", "velocity_count_1h",
            "velocity_sum_1h", "velocity_count_24h", "velocity_sum_24h" };

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

    @Override
    public CompletionStage<Map<String, Double>> enrich(DecisionMade decision) {
        Object amount = decision.getAttributes().get(AMOUNT_ATTRIBUTE);
        if (!(amount instanceof Number number)) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("decision " + decision.getDecisionId() + " has no numeric amount"));
        }
        String[] keys = { RedisKeys.velocity(decision.getTenant(), decision.getEntityId()) };
        CompletionStage<List<Object>> reply = SCRIPT.run(redis, ScriptOutputType.MULTI, keys, decision.getDecisionId(),
                Long.toString(decision.getEventTime().toEpochMilli()), Double.toString(number.doubleValue()),
                retentionMillis, Long.toString(clock.millis()));
        return reply.thenApply(VelocityEnricher::features);
    }

    private static Map<String, Double> features(List<Object> reply) {
        var features = new LinkedHashMap<String, Double>();
        for (int i = 0; i < FEATURES.length; i++) {
            features.put(FEATURES[i], Double.parseDouble(reply.get(i).toString()));
        }
        return features;
    }
}
