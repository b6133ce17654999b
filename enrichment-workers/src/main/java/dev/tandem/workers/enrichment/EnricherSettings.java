package dev.tandem.workers.enrichment;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * How one enricher runs, under {@code tandem.workers.enrichers.<name>}; an enricher not listed gets these
 * defaults.
 *
 * @param concurrency consumer threads of the enricher's group, so batches in flight at once (at most the
 *        partitions of {@code tandem.decisions})
 * @param minBatch the smallest batch the adaptive size shrinks to
 * @param maxBatch the largest batch it grows to (also the most records one poll returns)
 * @param latencyObjective what one batch may take: the adaptive size grows while batches finish within it and
 *        shrinks by 10 % when one does not (additive increase, multiplicative decrease)
 * @param maxWait how long the broker may hold a fetch until {@code fillBytes} are there ({@code fetch.max.wait.ms});
 *        with {@code fillBytes} 1 it answers as soon as one record is there, so this only bounds an empty long
 *        poll (0 would make the consumer ask again and again, burning CPU on both sides)
 * @param fillBytes how many bytes fill a batch ({@code fetch.min.bytes}): more than one record's worth makes the
 *        broker wait up to {@code maxWait} to fill it, worth it only for enrichers whose per-record cost falls
 *        with the batch
 * @param timeout how long one call of the enricher may take before it counts as timed out
 * @param retry how failures that may pass are tried again
 */
public record EnricherSettings(@DefaultValue("2") @Min(1) int concurrency, @DefaultValue("1") @Min(1) int minBatch,
        @DefaultValue("64") @Min(1) int maxBatch, @DefaultValue("50ms") Duration latencyObjective,
        @DefaultValue("500ms") Duration maxWait, @DefaultValue("1") @Min(1) int fillBytes,
        @DefaultValue("2s") Duration timeout, @DefaultValue @Valid Retry retry) {

    /**
     * Retries of failures that may pass (timeouts, retryable answers): full-jitter exponential back-off, the
     * {@code n}th wait drawn uniformly from {@code [0, min(maxBackoff, initialBackoff × 2^(n-1))]}.
     *
     * @param maxAttempts calls per request in all, the first included; 1 means no retry
     */
    public record Retry(@DefaultValue("3") @Min(1) int maxAttempts, @DefaultValue("50ms") Duration initialBackoff,
            @DefaultValue("1s") Duration maxBackoff) {

        /** The upper bound of the wait after failed attempt {@code attempt} (1-based). */
        Duration ceiling(int attempt) {
            long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 30);
            return Duration.ofMillis(Math.min(millis < 0 ? Long.MAX_VALUE : millis, maxBackoff.toMillis()));
        }
    }

    public EnricherSettings {
        if (minBatch > maxBatch) {
            throw new IllegalArgumentException("min-batch " + minBatch + " is larger than max-batch " + maxBatch);
        }
    }

    /** The settings of an enricher that configuration does not list: every default above. */
    public static EnricherSettings defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("enricher",
                Bindable.of(EnricherSettings.class));
    }
}
