package dev.tandem.workers;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * enrichment-workers settings, prefix {@code tandem.workers}.
 *
 * @param enricherTimeout how long one enricher may take for one decision before its result is TIMED_OUT
 * @param velocityRetention how long the velocity enricher keeps an entity's events (at least 24h)
 * @param partitions partitions of the topics this service creates
 * @param replicas replication factor of the topics this service creates
 * @param retryInterval first back-off of a record whose processing failed
 * @param retryMaxElapsed how long a failing record is retried before it goes to the dead-letter topic
 */
@Validated
@ConfigurationProperties("tandem.workers")
public record WorkersProperties(@DefaultValue("2s") Duration enricherTimeout,
        @DefaultValue("25h") Duration velocityRetention, @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicas, @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("10s") Duration retryMaxElapsed) {
}
