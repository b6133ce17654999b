package dev.tandem.workers;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * enrichment-workers settings, prefix {@code tandem.workers}.
 *
 * @param concurrency consumer threads on {@code tandem.decisions}
 * @param enricherTimeout how long one enricher may take for one decision before its result is TIMED_OUT
 * @param publishTimeout how long publishing a result may take before the record is retried
 * @param velocityRetention how long the velocity enricher keeps an entity's events (at least 24h)
 * @param retryInterval first back-off of a record whose processing failed
 * @param retryMaxElapsed how long a record failing for an unknown reason is retried before it goes to the
 *        dead-letter topic (a dependency that is down is waited for without limit)
 */
@Validated
@ConfigurationProperties("tandem.workers")
public record WorkersProperties(@DefaultValue("3") @Min(1) int concurrency, @DefaultValue("2s") Duration enricherTimeout,
        @DefaultValue("10s") Duration publishTimeout, @DefaultValue("25h") Duration velocityRetention,
        @DefaultValue("200ms") Duration retryInterval, @DefaultValue("10s") Duration retryMaxElapsed) {
}
