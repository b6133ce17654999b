package dev.tandem.blender;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * blender settings, prefix {@code tandem.blender}.
 *
 * @param outcomeTtl how long an outcome is kept after its last change
 * @param retryInterval first back-off of a record whose processing failed
 * @param retryMaxElapsed how long a failing record is retried before it goes to the dead-letter topic
 * @param maxConflicts how often one merge is retried when another writer changed the outcome first
 */
@Validated
@ConfigurationProperties("tandem.blender")
public record BlenderProperties(@DefaultValue("7d") Duration outcomeTtl, @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("30s") Duration retryMaxElapsed, @DefaultValue("10") @Min(1) int maxConflicts) {
}
