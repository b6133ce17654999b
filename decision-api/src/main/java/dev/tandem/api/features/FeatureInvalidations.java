package dev.tandem.api.features;

import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on every tenant's {@link RedisKeys#featureUpdates} channel (one pattern subscription) and drops the named
 * entity from the cache. Pub/sub is not durable: messages sent while the connection is down are lost, so each time
 * the subscription is (re)established (Lettuce re-subscribes after a reconnect) the whole cache is dropped, and the
 * cache's ttl bounds what a lost message can cost.
 */
final class FeatureInvalidations extends RedisPubSubAdapter<String, String> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeatureInvalidations.class);

    private final RedisClient client;
    private final CachingFeatureStore cache;
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

    FeatureInvalidations(RedisClient client, CachingFeatureStore cache) {
        this.client = client;
        this.cache = cache;
    }

    @Override
    public void message(String pattern, String channel, String entityId) {
        String tenant = RedisKeys.tenantOfFeatureUpdates(channel);
        if (tenant != null) {
            cache.forget(tenant, entityId);
        }
    }

    @Override
    public void psubscribed(String pattern, long count) {
        cache.forgetAll();
        log.atInfo().addKeyValue("pattern", pattern).log("listening for feature updates; feature cache cleared");
    }

    @Override
    public void start() {
        StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
        pubsub.addListener(this);
        pubsub.sync().psubscribe(RedisKeys.featureUpdatesOfAllTenants());
        connection = pubsub;
    }

    @Override
    public void stop() {
        StatefulRedisPubSubConnection<String, String> pubsub = connection;
        if (pubsub != null) {
            pubsub.close();
        }
        connection = null;
    }

    @Override
    public boolean isRunning() {
        return connection != null;
    }
}
