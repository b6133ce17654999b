package dev.tandem.core.outcome;

import java.time.Instant;
import java.util.Map;

import dev.tandem.schemas.event.EnrichmentStatus;
import org.jspecify.annotations.Nullable;

/**
 * One enricher's result as merged into an outcome.
 *
 * @param enricher the enricher's name
 * @param version the enricher's version
 * @param status OK, FAILED or TIMED_OUT
 * @param reason why the status is not OK; null when OK
 * @param features computed features by name
 * @param computedAt when the enricher finished
 */
public record EnrichmentResult(String enricher, String version, EnrichmentStatus status, @Nullable String reason,
        Map<String, Double> features, Instant computedAt) {

    public EnrichmentResult {
        features = Map.copyOf(features);
    }
}
