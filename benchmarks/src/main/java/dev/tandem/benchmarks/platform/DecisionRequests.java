package dev.tandem.benchmarks.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.schemas.FeatureGroups;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.event.Priority;
import tools.jackson.databind.json.JsonMapper;

/**
 * payment-risk decisions over {@code entities} entities and 40 merchants, with their online features loaded first
 * (the features the fast model reads: account age, average amount, chargebacks, transaction count, merchant risk).
 * Amounts vary around each entity's average; deterministic by decision number. Thread-safe.
 */
public final class DecisionRequests {

    public static final String FLOW = "payment-risk";
    private static final int MERCHANTS = 40;

    private final JsonMapper json = JsonMapper.builder().build();
    private final int entities;

    public DecisionRequests(int entities) {
        if (entities < 1) {
            throw new IllegalArgumentException("entities must be positive, not " + entities);
        }
        this.entities = entities;
    }

    /**
     * The entities' profiles and the merchants' features, as a daily batch job would write them; the writes are
     * pipelined on the store's connection and all awaited.
     */
    public void loadFeatures(FeatureStore store) {
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofDays(30));
        var writes = new ArrayList<CompletableFuture<Boolean>>(entities + MERCHANTS);
        for (int e = 0; e < entities; e++) {
            writes.add(store.write(RedisKeys.DEFAULT_TENANT, entity(e), new FeatureGroupWrite(FeatureGroups.PROFILE,
                    now, expires, Map.of("account_age_days", (double) (30 + e * 37 % 2000), "avg_amount",
                            (double) averageAmount(e), "chargebacks_90d", e % 17 == 0 ? 1.0 : 0.0, "txn_count_30d",
                            (double) (2 + e * 7 % 60)))).toCompletableFuture());
        }
        for (int m = 1; m <= MERCHANTS; m++) {
            writes.add(store.write(RedisKeys.DEFAULT_TENANT, "merchant:m-" + m, new FeatureGroupWrite(
                    FeatureGroups.MERCHANT, now, expires, Map.of("merchant_risk", m % 13 == 0 ? 0.8
                            : 0.02 + (m % 7) * 0.01))).toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    /** Decision {@code i}'s JSON body for {@code POST /v1/decisions}, without a priority (so STANDARD). */
    public String body(long i) {
        return json.writeValueAsString(fields(i));
    }

    /** Decision {@code i}'s JSON body with {@code priority}, which admission sheds by under load. */
    public String body(long i, Priority priority) {
        Map<String, Object> fields = new LinkedHashMap<>(fields(i));
        fields.put("priority", priority.name());
        return json.writeValueAsString(fields);
    }

    private Map<String, Object> fields(long i) {
        int e = (int) (i % entities);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("amount", Math.round(averageAmount(e) * (50 + i * 31 % 100)) / 100.0);
        attributes.put("currency", "EUR");
        attributes.put("merchantId", "m-" + (1 + i % MERCHANTS));
        attributes.put("ip", "10.0." + (e % 250) + "." + (i % 250));
        attributes.put("deviceId", "dev-" + e);
        return Map.of("flow", FLOW, "entityId", entity(e), "attributes", attributes);
    }

    /** The entity of decision {@code i}. */
    public String entityOf(long i) {
        return entity((int) (i % entities));
    }

    /** How many entities the decisions are spread over. */
    public int entities() {
        return entities;
    }

    private static String entity(int e) {
        return "bench-e-" + e;
    }

    private static int averageAmount(int e) {
        return 20 + e * 13 % 300;
    }
}
