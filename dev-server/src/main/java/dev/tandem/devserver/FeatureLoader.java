package dev.tandem.devserver;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.schemas.FeatureGroups;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Writes the demo entities' online features into Redis, one hash per entity at {@link RedisKeys#features} (group
 * {@link FeatureGroups#PROFILE}), and the demo merchants' ({@code merchant:m-1} to {@code merchant:m-40}, group
 * {@link FeatureGroups#MERCHANT}, read by the flow's merchant lookup), as a daily batch job would: computed now,
 * usable for {@link #KEPT}.
 */
final class FeatureLoader {

    /** How long the loaded features may be used. */
    static final Duration KEPT = Duration.ofDays(30);

    /** Redis does not answer. */
    static final class Unreachable extends Exception {
        Unreachable(String url, Throwable cause) {
            super("Redis is not reachable at " + url + ". Start Tandem with ./tandem up (or ./tandem up"
                    + " --infra-only), or point the demo elsewhere with --redis <url>.", cause);
        }
    }

    /** The demo's merchants are m-1 to m-{@value}. */
    static final int MERCHANTS = 40;

    private FeatureLoader() {
    }

    /** Most merchants are low-risk; every thirteenth is a risky one. */
    static double merchantRisk(int merchant) {
        return merchant % 13 == 0 ? 0.8 : 0.02 + (merchant % 7) * 0.01;
    }

    static void load(String redisUrl, List<DemoEntity> entities) throws Unreachable {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var store = new RedisFeatureStore(connection.async());
            Instant now = Instant.now();
            for (DemoEntity entity : entities) {
                var values = new HashMap<String, Double>();
                entity.features().forEach((name, value) -> values.put(name, Double.parseDouble(value)));
                store.write(RedisKeys.DEFAULT_TENANT, entity.entityId(),
                        new FeatureGroupWrite(FeatureGroups.PROFILE, now, now.plus(KEPT), values))
                        .toCompletableFuture().join();
            }
            for (int merchant = 1; merchant <= MERCHANTS; merchant++) {
                store.write(RedisKeys.DEFAULT_TENANT, "merchant:m-" + merchant, new FeatureGroupWrite(
                        FeatureGroups.MERCHANT, now, now.plus(KEPT), Map.of("merchant_risk", merchantRisk(merchant))))
                        .toCompletableFuture().join();
            }
        } catch (RedisConnectionException e) {
            throw new Unreachable(redisUrl, e);
        } finally {
            client.shutdown();
        }
    }
}
