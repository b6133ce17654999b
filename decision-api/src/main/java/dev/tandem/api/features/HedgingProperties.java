package dev.tandem.api.features;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hedged reads of the online store, prefix {@code tandem.api.feature-hedging}.
 *
 * @param enabled whether a slow read is sent again over a second connection
 * @param maxShare hedges at most this share of reads (each read earns this much of a hedge)
 * @param initialDelay how long a read waits before it is hedged, until the live p95 is known
 * @param minDelay the live p95 is never taken below this
 * @param window how often the p95 of the reads is taken anew
 */
@ConfigurationProperties("tandem.api.feature-hedging")
record HedgingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.05") double maxShare,
        @DefaultValue("2ms") Duration initialDelay, @DefaultValue("200us") Duration minDelay,
        @DefaultValue("1s") Duration window) {

    HedgingProperties {
        if (!(0 < maxShare && maxShare < 1)) {
            throw new IllegalArgumentException("tandem.api.feature-hedging.max-share is between 0 and 1, was "
                    + maxShare);
        }
    }
}
