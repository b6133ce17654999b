package dev.tandem.workers.enrichment;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Computes the slow features of decisions, a batch at a time. One bean per enricher; the worker gives each
 * enricher its own consumer group on {@code tandem.decisions}, hands it only the decisions whose flow requires it,
 * in batches whose size adapts to the enricher's latency objective, and publishes one
 * {@code EnrichmentCompleted} per decision.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Batch-first.</b> {@link #enrich} receives one or more requests (at most the enricher's configured
 * {@code max-batch}) and completes with exactly one {@link EnrichmentAnswer} per request, in the same order. An
 * enricher that has no batch form simply answers each request; one with a batch form (a model scored on a
 * matrix, a pipelined Redis call) is where batching pays.</li>
 * <li><b>Threading.</b> {@link #enrich} may be called from several consumer threads at once and must be
 * thread-safe. It should not block the caller: return a stage and complete it from the enricher's own I/O or
 * executor. (A blocking implementation still works; it holds a consumer thread for as long as it blocks.)</li>
 * <li><b>Timeouts.</b> The worker waits for the stage for the enricher's configured {@code timeout}; a stage that
 * misses it is retried like a retryable failure and, when the attempts are used up, each request in it becomes a
 * TIMED_OUT result. An enricher that calls out should use shorter timeouts of its own and answer
 * {@link EnrichmentAnswer.Failure retryable failures} instead.</li>
 * <li><b>Failures.</b> A {@link EnrichmentAnswer.Failure} is per request: retryable ones are tried again, with
 * jittered exponential back-off, up to the configured attempts; the rest, and retryable ones that outlast their
 * attempts, become a FAILED result with the reason. A stage completed exceptionally fails the whole batch the same
 * way (retryable unless the exception is an {@link IllegalArgumentException}). A failure is never silence: the
 * blender always receives a result and can finalise the outcome.</li>
 * <li><b>Idempotence.</b> After a crash or a rebalance the same decision is delivered again, so side effects (for
 * example state kept in Redis) must be keyed by decision id and safe to repeat.</li>
 * </ul>
 */
public interface Enricher {

    /** The name flows list in {@code required-enrichers}, such as {@code velocity}; also names its consumer group. */
    String name();

    /** The version recorded with every result, bumped when the computation changes. */
    String version();

    /**
     * Enriches a batch of decisions.
     *
     * @param batch at least one request; not to be modified
     * @return one answer per request, in request order
     */
    CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch);
}
