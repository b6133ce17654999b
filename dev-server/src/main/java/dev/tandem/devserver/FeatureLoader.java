package dev.tandem.devserver;

import java.util.List;

import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;

/** Writes the demo entities' online features into Redis, one hash per entity at {@link RedisKeys#features}. */
final class FeatureLoader {

    /** Redis does not answer. */
    static final class Unreachable extends Exception {
        Unreachable(String url, Throwable cause) {
            super("Redis is not reachable at " + url + ". Start Tandem with ./tandem up (or ./tandem up"
                    + " --infra-only), or point the demo elsewhere with --redis <url>.", cause);
        }
    }

    private FeatureLoader() {
    }

    static void load(String redisUrl, List<DemoEntity> entities) throws Unreachable {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (DemoEntity entity : entities) {
                connection.sync().hset(RedisKeys.features(RedisKeys.DEFAULT_TENANT, entity.entityId()),
                        entity.features());
            }
        } catch (RedisConnectionException e) {
            throw new Unreachable(redisUrl, e);
        } finally {
            client.shutdown();
        }
    }
}
