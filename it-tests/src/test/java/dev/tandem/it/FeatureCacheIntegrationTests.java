package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.FeatureGroups;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * decision-api's in-process feature cache against the real Redis online store: a cached entity is served without
 * Redis, and a writer's change reaches the next decision through the pub/sub invalidation, not the cache's ttl.
 */
class FeatureCacheIntegrationTests {

    static final Pattern L1_HITS = Pattern.compile(
            "tandem_feature_cache_requests_total\\{[^}]*result=\"hit\"[^}]*tier=\"l1\"[^}]*} ([0-9.E]+)");

    static TandemPlatform platform;
    static ApiClient api;
    static RedisClient client;
    static StatefulRedisConnection<String, String> redis;
    static RedisFeatureStore features;

    @BeforeAll
    static void start() {
        // a cache ttl far longer than the test: only the invalidation can make a change visible in time
        platform = TandemPlatform.start(Map.of("tandem.api.feature-cache.ttl", "10m",
                "tandem.api.feature-cache.refresh-after", "9m"));
        api = new ApiClient(platform.apiBaseUrl());
        client = RedisClient.create(TestInfrastructure.redisUrl());
        redis = client.connect();
        features = new RedisFeatureStore(redis.async());
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
            client.shutdown();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aCachedEntity_isServedWithoutRedis() {
        // a merchant (read by the flow's merchant lookup): velocity writes back the payer's features, and so makes
        // caches forget the payer, never the merchant
        String merchant = "m-cached-" + UUID.randomUUID();
        writeMerchant(merchant, 0.9);
        JsonNode first = decide("payer-" + UUID.randomUUID(), merchant);
        double hitsBefore = l1Hits();

        // the hash disappears from Redis without any writer saying so: only a cache can still know the merchant
        redis.sync().del(RedisKeys.features(RedisKeys.DEFAULT_TENANT, "merchant:" + merchant));
        JsonNode second = decide("payer-" + UUID.randomUUID(), merchant);

        assertThat(first.get("reasons").toString()).doesNotContain(merchant);
        assertThat(second.get("score").asDouble()).isEqualTo(first.get("score").asDouble());
        assertThat(second.get("reasons").toString()).doesNotContain(merchant);
        assertThat(l1Hits()).isGreaterThan(hitsBefore);
    }

    @Test
    void aWritersChange_reachesTheNextDecisionsThroughTheInvalidation() {
        String merchant = "m-changed-" + UUID.randomUUID();
        writeMerchant(merchant, 0.9);
        double risky = decide("payer-" + UUID.randomUUID(), merchant).get("score").asDouble();

        // changed in Redis without telling anyone: the cached merchant is still served
        redis.sync().hset(RedisKeys.features(RedisKeys.DEFAULT_TENANT, "merchant:" + merchant), "merchant_risk", "0");
        assertThat(decide("payer-" + UUID.randomUUID(), merchant).get("score").asDouble()).isEqualTo(risky);

        writeMerchant(merchant, 0.0); // write-group.lua names the merchant on the feature-updates channel

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> decide("payer-" + UUID.randomUUID(), merchant).get("score").asDouble() < risky);
    }

    private static void writeMerchant(String merchant, double risk) {
        Instant now = Instant.now();
        features.write(RedisKeys.DEFAULT_TENANT, "merchant:" + merchant, new FeatureGroupWrite(FeatureGroups.MERCHANT,
                now, now.plus(Duration.ofDays(1)), Map.of("merchant_risk", risk))).toCompletableFuture().join();
    }

    /**
     * A payment of 40 EUR by {@code entity} (new: the payer is unknown) at {@code merchant}, answered from the features
     * (not degraded: on a machine this busy the first reads after start-up may miss their timeout, so at most a few
     * tries).
     */
    private static JsonNode decide(String entity, String merchant) {
        JsonNode decision = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            ApiClient.Response response = api.postJson("""
                    {"flow":"payment-risk","entityId":"%s","attributes":{"amount":40,"currency":"EUR",\
                    "merchantId":"%s"}}""".formatted(entity + "-" + attempt, merchant));
            assertThat(response.status()).isEqualTo(201);
            decision = response.json();
            if (!decision.get("degraded").asBoolean()) {
                return decision;
            }
        }
        throw new AssertionError("five decisions in a row were degraded: " + decision);
    }

    private static double l1Hits() {
        Matcher matcher = L1_HITS.matcher(new ApiClient(platform.apiBaseUrl()).get("/actuator/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
