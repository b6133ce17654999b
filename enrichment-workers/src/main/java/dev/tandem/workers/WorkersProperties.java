package dev.tandem.workers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * enrichment-workers settings, prefix {@code tandem.workers}.
 *
 * @param enricherTimeout how long one enricher may take for one decision before its result is TIMED_OUT
 * @param velocityRetention how long the velocity enricher keeps an entity's events (at least 24h)
 * @param retryInterval first back-off of a record whose processing failed
 * @param retryMaxElapsed how long a failing record is retried before it goes to the dead-letter topic
 */
@Validated
@ConfigurationProperties("tandem.workers")
public record WorkersProperties(@DefaultValue("2s") Duration enricherTimeout,
        @DefaultValue("25h") Duration velocityRetention, @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("10s") Duration retryMaxElapsed) {
}
