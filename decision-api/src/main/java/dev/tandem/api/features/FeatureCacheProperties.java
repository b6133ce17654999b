package dev.tandem.api.features;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process feature cache, prefix {@code tandem.api.feature-cache}.
 *
 * @param enabled whether decisions read through the cache (else every read goes to Redis)
 * @param maximumSize entities kept at most; the least likely to be used again are dropped first
 * @param ttl how long an entity's features are kept after they were read from Redis, at most (invalidation through
 *        pub/sub usually drops them sooner, when they change); a flow's tighter staleness budget wins for its reads
 * @param refreshAfter an entity read again this long after it was loaded is reloaded in the background, while the
 *        cached copy is served (refresh-ahead: hot entities never wait for Redis)
 * @param negativeTtl how long an entity Redis does not know is remembered as unknown
 */
@ConfigurationProperties("tandem.api.feature-cache")
record FeatureCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("100000") long maximumSize,
        @DefaultValue("30s") Duration ttl, @DefaultValue("10s") Duration refreshAfter,
        @DefaultValue("2s") Duration negativeTtl) {

    FeatureCacheProperties {
        if (refreshAfter.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("tandem.api.feature-cache.refresh-after (" + refreshAfter
                    + ") must be shorter than its ttl (" + ttl + ")");
        }
        if (negativeTtl.compareTo(ttl) > 0) {
            throw new IllegalArgumentException("tandem.api.feature-cache.negative-ttl (" + negativeTtl
                    + ") must not be longer than its ttl (" + ttl + ")");
        }
    }
}
