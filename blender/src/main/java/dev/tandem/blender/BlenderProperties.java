package dev.tandem.blender;

import java.time.Duration;

import dev.tandem.schemas.ConsumerGroups;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * blender settings, prefix {@code tandem.blender}.
 *
 * @param concurrency consumer threads on {@code tandem.enrichments}
 * @param consumerGroup the consumer group on {@code tandem.enrichments}; every instance of one deployment shares
 *        it. A second group merges every result a second time: harmless (each result is applied once, the
 *        repeat is counted as a duplicate and re-announced) but twice the work, so it is for tests that model an
 *        instance still running after its partitions moved on
 * @param outcomeTtl how long an outcome is kept after its last change (at least a second)
 * @param storeTimeout how long one Redis call of a merge may take before the record is retried
 * @param publishTimeout how long publishing an outcome may take before the record is retried
 * @param retryInterval first back-off of a record whose processing failed
 * @param retryMaxElapsed how long a record failing for an unknown reason is retried before it goes to the
 *        dead-letter topic (a dependency that is down is waited for without limit)
 * @param maxConflicts how often one merge is retried when another writer changed the outcome first
 * @param sweepInterval how often the deadline sweeper looks for outcomes whose deadline passed
 * @param sweepBatch how many due outcomes one sweep takes from each part of the deadline index
 * @param commitInterval how long the offsets of merged results and indexed decisions may wait to be committed
 *        together (at least 100 ms): a blender that dies leaves about this much for its successor to do again
 */
@Validated
@ConfigurationProperties("tandem.blender")
public record BlenderProperties(@DefaultValue("3") @Min(1) int concurrency,
        @DefaultValue(ConsumerGroups.BLENDER) @NotBlank String consumerGroup,
        @DefaultValue("7d") Duration outcomeTtl,
        @DefaultValue("5s") Duration storeTimeout, @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("200ms") Duration retryInterval, @DefaultValue("30s") Duration retryMaxElapsed,
        @DefaultValue("10") @Min(1) int maxConflicts, @DefaultValue("250ms") Duration sweepInterval,
        @DefaultValue("100") @Min(1) int sweepBatch, @DefaultValue("1s") Duration commitInterval) {

    public BlenderProperties {
        if (outcomeTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("tandem.blender.outcome-ttl must be at least 1s, was " + outcomeTtl);
        }
        if (commitInterval.toMillis() < 100) {
            throw new IllegalArgumentException("tandem.blender.commit-interval must be at least 100ms, was "
                    + commitInterval);
        }
    }
}
