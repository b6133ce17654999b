package dev.tandem.workers.enrichment;

import java.util.Map;

/** An enricher's answer for one request of a batch: the features it computed, or why it could not. */
public sealed interface EnrichmentAnswer {

    /** The computed features, by name; all finite. */
    record Features(Map<String, Double> values) implements EnrichmentAnswer {

        public Features {
            values = Map.copyOf(values);
            values.forEach((name, value) -> {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("feature " + name + " is not finite: " + value);
                }
            });
        }
    }

    /**
     * The request could not be enriched.
     *
     * @param reason what went wrong, for people: it ends up in the result and the outcome
     * @param retryable whether trying again may succeed (a timeout, a 503), rather than never (a 400, bad input)
     */
    record Failure(String reason, boolean retryable) implements EnrichmentAnswer {
    }

    static EnrichmentAnswer features(Map<String, Double> values) {
        return new Features(values);
    }

    static EnrichmentAnswer retryable(String reason) {
        return new Failure(reason, true);
    }

    static EnrichmentAnswer permanent(String reason) {
        return new Failure(reason, false);
    }
}
