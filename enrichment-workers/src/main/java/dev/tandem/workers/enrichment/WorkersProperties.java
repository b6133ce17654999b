package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * enrichment-workers settings, prefix {@code tandem.workers}.
 *
 * @param enrichers how each enricher runs, by name ({@code tandem.workers.enrichers.velocity.max-batch}, ...);
 *        an enricher not listed runs with {@link EnricherSettings#defaults()}
 * @param bulkYieldsAfter an enricher's BULK lane pauses while its urgent lane is behind: while a poll of the urgent
 *        lane took a record that had waited this long or longer since it was published (ADR 0037); {@code 0} pauses
 *        it whenever the urgent lane works
 * @param bulkGrace how long an enricher's BULK lane stays paused after its urgent lane was last behind
 * @param bulkBelowBusy an enricher's BULK lane also pauses while its urgent lane had a poll in hand for more than
 *        this share of the last second: close to what it can do ({@code 1} leaves only {@code bulk-yields-after})
 * @param publishTimeout how long publishing a poll's results may take before the poll is offered again
 * @param retryInterval first back-off of a poll whose processing failed for a reason outside one decision
 * @param retryMaxElapsed how long a record failing for an unknown reason is retried before it goes to the
 *        dead-letter topic (a dependency that is down is waited for without limit)
 * @param commitInterval how long the offsets of published results may wait to be committed together (at least
 *        100 ms): a worker that dies leaves about this much of every enricher's work for its successor to do again
 */
@Validated
@ConfigurationProperties("tandem.workers")
public record WorkersProperties(@DefaultValue Map<String, @Valid EnricherSettings> enrichers,
        @DefaultValue("100ms") Duration bulkYieldsAfter, @DefaultValue("200ms") Duration bulkGrace,
        @DefaultValue("0.5") double bulkBelowBusy,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("200ms") Duration retryInterval, @DefaultValue("10s") Duration retryMaxElapsed,
        @DefaultValue("1s") Duration commitInterval) {

    public WorkersProperties {
        if (!(bulkBelowBusy > 0 && bulkBelowBusy <= 1)) {
            throw new IllegalArgumentException("tandem.workers.bulk-below-busy must be above 0 and at most 1, was "
                    + bulkBelowBusy);
        }
        if (bulkYieldsAfter.isNegative() || bulkGrace.isNegative()) {
            throw new IllegalArgumentException("tandem.workers.bulk-yields-after and bulk-grace must not be negative,"
                    + " were " + bulkYieldsAfter + " and " + bulkGrace);
        }
        if (commitInterval.toMillis() < 100) {
            throw new IllegalArgumentException("tandem.workers.commit-interval must be at least 100ms, was "
                    + commitInterval);
        }
    }

    /** The settings of enricher {@code name}. */
    public EnricherSettings enricher(String name) {
        EnricherSettings settings = enrichers.get(name);
        return settings != null ? settings : EnricherSettings.defaults();
    }
}
