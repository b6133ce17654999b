package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;

/**
 * Runs the enrichers a decision requires and turns each answer, failure or timeout into an
 * {@link EnrichmentCompleted}. Plain Java; thread-safe.
 */
final class EnrichmentRunner {

    private final List<Enricher> enrichers;
    private final Duration timeout;
    private final Clock clock;

    EnrichmentRunner(List<Enricher> enrichers, Duration timeout, Clock clock) {
        this.enrichers = List.copyOf(enrichers);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** One result per enricher this worker runs that the decision requires; empty when none. */
    List<EnrichmentCompleted> run(DecisionMade decision) {
        return enrichers.stream()
                .filter(e -> decision.getRequiredEnrichers().contains(e.name()))
                .map(e -> runOne(e, decision))
                .toList();
    }

    private EnrichmentCompleted runOne(Enricher enricher, DecisionMade decision) {
        EnrichmentStatus status = EnrichmentStatus.OK;
        String reason = null;
        Map<String, Double> features = Map.of();
        try {
            var stage = enricher.enrich(decision);
            if (stage == null) {
                throw new ExecutionException(new IllegalStateException("enrich returned null"));
            }
            features = stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            status = EnrichmentStatus.TIMED_OUT;
            reason = enricher.name() + " did not answer within " + timeout;
        }
        catch (ExecutionException ex) {
            status = EnrichmentStatus.FAILED;
            reason = enricher.name() + " failed: " + ex.getCause();
        }
        catch (RuntimeException ex) {
            status = EnrichmentStatus.FAILED;
            reason = enricher.name() + " failed: " + ex;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enriching " + decision.getDecisionId(), ex);
        }
        return EnrichmentCompleted.newBuilder()
                .setDecisionId(decision.getDecisionId())
                .setTenant(decision.getTenant())
                .setFlow(decision.getFlow())
                .setEntityId(decision.getEntityId())
                .setEnricher(enricher.name())
                .setEnricherVersion(enricher.version())
                .setStatus(status)
                .setReason(reason)
                .setFeatures(features)
                .setEventTime(decision.getEventTime())
                .setComputedAt(clock.instant())
                .build();
    }
}
