package dev.tandem.workers.enrichment;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.tandem.schemas.event.DecisionMade;

/**
 * Computes slow features for a decision. One bean per enricher; the worker runs every enricher a
 * decision names in {@code requiredEnrichers} and publishes one {@code EnrichmentCompleted} for each.
 *
 * <p>Threading: {@link #enrich} may be called from several consumer threads at once and must be
 * thread-safe. It must not block; it returns a stage the worker waits on with the enricher's
 * timeout. Idempotence: the same decision may be delivered again after a crash or rebalance, so
 * an enricher's side effects must be keyed by decision id.
 *
 * <p>Failures: a stage completed exceptionally, or one that misses the timeout, becomes an
 * {@code EnrichmentCompleted} with status FAILED or TIMED_OUT and the reason, so the outcome can
 * still be finalised; it is never dropped in silence.
 */
public interface Enricher {

    /** The name decisions list in {@code requiredEnrichers}, such as {@code velocity}. */
    String name();

    /** The version recorded with every result, bumped when the computation changes. */
    String version();

    /**
     * Computes this enricher's features for one decision.
     *
     * @return feature values by name, all finite
     */
    CompletionStage<Map<String, Double>> enrich(DecisionMade decision);
}
