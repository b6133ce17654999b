package dev.tandem.devserver;

import java.util.List;
import java.util.Map;

import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Writes the demo entities' online features into Redis, one hash per entity at {@link RedisKeys#features},
 * and the demo merchants' ({@code merchant:m-1} to {@code merchant:m-40}, read by the flow's merchant lookup).
 */
final class FeatureLoader {

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
            for (DemoEntity entity : entities) {
                connection.sync().hset(RedisKeys.features(RedisKeys.DEFAULT_TENANT, entity.entityId()),
                        entity.features());
            }
            for (int merchant = 1; merchant <= MERCHANTS; merchant++) {
                connection.sync().hset(RedisKeys.features(RedisKeys.DEFAULT_TENANT, "merchant:m-" + merchant),
                        Map.of("merchant_risk", Double.toString(merchantRisk(merchant))));
            }
        } catch (RedisConnectionException e) {
            throw new Unreachable(redisUrl, e);
        } finally {
            client.shutdown();
        }
    }
}
