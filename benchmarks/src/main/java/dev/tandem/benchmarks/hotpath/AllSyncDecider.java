package dev.tandem.benchmarks.hotpath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.flow.Flow;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.model.Prediction;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;

/**
 * What the hybrid design replaces, over the same ports and models: a decision answered only once it is final. It
 * validates the request and reads the entity's features as decision-api does (one pipelined read, at most the feature
 * timeout, else defaults and degraded), scores with the fast model, runs every enricher the flow requires inline (all
 * at once, each waited for at most its configured timeout; one attempt, no retries), scores the sync and enrichment
 * features with the full model, escalating only from the fast model's verdict as the blender does, and stores the
 * outcome as FINAL version 1. No Kafka: nothing is left to do after the answer. Thread-safe.
 */
final class AllSyncDecider {

    /**
     * @param features how long to wait for the online features ({@code tandem.api.feature-timeout})
     * @param store how long to wait for the outcome store ({@code tandem.api.store-timeout})
     * @param enrichers how long to wait for each enricher, by name ({@code tandem.workers.enrichers.<name>.timeout})
     */
    record Limits(Duration features, Duration store, Map<String, Duration> enrichers) {
    }

    /** What a request came to. */
    sealed interface Result {
    }

    /** Decided and stored. */
    record Decided(Outcome outcome) implements Result {
    }

    /** The request is wrong; nothing was written. */
    record Invalid(List<AttributeViolation> violations) implements Result {
    }

    /** The outcome could not be stored. */
    record Unavailable(String reason) implements Result {
    }

    private final Flows flows;
    private final FeatureStore features;
    private final Map<String, Enricher> enrichers = new HashMap<>();
    private final OutcomeStore outcomes;
    private final Limits limits;
    private final Clock clock;

    AllSyncDecider(Flows flows, FeatureStore features, List<Enricher> enrichers, OutcomeStore outcomes, Limits limits,
            Clock clock) {
        this.flows = flows;
        this.features = features;
        enrichers.forEach(enricher -> this.enrichers.put(enricher.name(), enricher));
        this.outcomes = outcomes;
        this.limits = limits;
        this.clock = clock;
    }

    Result decide(String tenant, String flowName, String entityId, Map<String, Object> attributes) {
        Optional<Flow> found = flows.find(flowName);
        if (found.isEmpty()) {
            return new Invalid(List.of(new AttributeViolation("flow", "names no configured flow")));
        }
        Flow flow = found.get();
        FlowDefinition definition = flow.definition();
        FlowDefinition.Validated valid = definition.validate(attributes);
        if (!valid.isValid() || entityId.isBlank()) {
            var violations = new ArrayList<>(valid.violations());
            if (entityId.isBlank()) {
                violations.add(new AttributeViolation("entityId", "is required"));
            }
            return new Invalid(violations);
        }
        Instant now = clock.instant();
        var reasons = new ArrayList<String>();
        var raw = new HashMap<String, Double>();
        boolean degraded = !readFeatures(tenant, definition.entitiesToRead(entityId, valid.values()), now, raw,
                reasons);
        raw.putAll(valid.numericValues());
        Prediction fast = flow.predictFast(raw);
        reasons.addAll(fast.reasons());
        Verdict provisional = definition.thresholds().verdictFor(fast.score());

        String decisionId = UUID.randomUUID().toString();
        Instant deadline = now.plus(definition.deadline());
        var request = new EnrichmentRequest(decisionId, tenant, flow.name(), entityId, Priority.STANDARD,
                new LinkedHashMap<>(valid.values()), raw, now, deadline);
        Map<String, EnrichmentResult> results = enrich(request, definition.requiredEnrichers(), reasons);

        var all = new HashMap<>(raw);
        results.values().forEach(result -> all.putAll(result.features()));
        Prediction full = flow.predictFull(all);
        Verdict suggested = definition.thresholds().verdictFor(full.score());
        Verdict verdict = suggested.ordinal() > provisional.ordinal() ? suggested : provisional;
        if (verdict != provisional) {
            reasons.add("escalated from " + provisional + " to " + verdict + " by " + full.model().name());
        }
        var outcome = new Outcome(decisionId, tenant, flow.name(), entityId, null, Priority.STANDARD,
                OutcomeStatus.FINAL, 1, verdict, full.score(), full.model(), provisional, reasons, raw,
                definition.requiredEnrichers(), results, degraded, now, now, clock.instant(), deadline);
        try {
            outcomes.create(outcome).toCompletableFuture().get(limits.store().toNanos(), TimeUnit.NANOSECONDS);
            return new Decided(outcome);
        } catch (TimeoutException | ExecutionException e) {
            return new Unavailable("outcome store: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
    }

    /** Puts the usable features into {@code raw}, the request's entity last (it wins a clash); false when degraded. */
    private boolean readFeatures(String tenant, List<String> entities, Instant now, Map<String, Double> raw,
            List<String> reasons) {
        try {
            List<EntityFeatures> read = features.readAll(tenant, entities, ChronoUnit.FOREVER.getDuration())
                    .toCompletableFuture().get(limits.features().toNanos(), TimeUnit.NANOSECONDS);
            for (int i = read.size() - 1; i >= 0; i--) {
                EntityFeatures usable = read.get(i).usableAt(now);
                raw.putAll(usable.values());
                if (!usable.known()) {
                    reasons.add(entities.get(i) + " unknown to the online store; defaults used");
                }
            }
            return true;
        } catch (TimeoutException | ExecutionException e) {
            reasons.add("online features unavailable (" + describe(e) + "); defaults used");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reasons.add("online features unavailable (interrupted); defaults used");
            return false;
        }
    }

    /** Starts every required enricher at once, then waits for each up to its own timeout from that start. */
    private Map<String, EnrichmentResult> enrich(EnrichmentRequest request, List<String> required,
            List<String> reasons) {
        long start = System.nanoTime();
        var calls = new LinkedHashMap<String, CompletableFuture<List<EnrichmentAnswer>>>();
        for (String name : required) {
            Enricher enricher = enrichers.get(name);
            calls.put(name, enricher == null
                    ? CompletableFuture.failedFuture(new IllegalStateException(name + " is not run inline"))
                    : enricher.enrich(List.of(request)).toCompletableFuture());
        }
        var results = new LinkedHashMap<String, EnrichmentResult>();
        calls.forEach((name, call) -> {
            long timeout = limits.enrichers().getOrDefault(name, Duration.ofSeconds(1)).toNanos();
            EnrichmentResult result = result(name, call, start + timeout);
            if (result.status() != EnrichmentStatus.OK) {
                reasons.add("enricher " + name + " " + result.status() + ": " + result.reason());
            }
            results.put(name, result);
        });
        return results;
    }

    private EnrichmentResult result(String name, CompletableFuture<List<EnrichmentAnswer>> call, long deadline) {
        String version = enrichers.containsKey(name) ? enrichers.get(name).version() : "none";
        try {
            EnrichmentAnswer answer = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .getFirst();
            return switch (answer) {
                case EnrichmentAnswer.Features features -> new EnrichmentResult(name, version, EnrichmentStatus.OK,
                        null, features.values(), clock.instant());
                case EnrichmentAnswer.Failure failure -> new EnrichmentResult(name, version,
                        EnrichmentStatus.FAILED, failure.reason(), Map.of(), clock.instant());
            };
        } catch (TimeoutException e) {
            return new EnrichmentResult(name, version, EnrichmentStatus.TIMED_OUT, "no answer in time", Map.of(),
                    clock.instant());
        } catch (ExecutionException e) {
            return new EnrichmentResult(name, version, EnrichmentStatus.FAILED, describe(e), Map.of(),
                    clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EnrichmentResult(name, version, EnrichmentStatus.FAILED, "interrupted", Map.of(),
                    clock.instant());
        }
    }

    private static String describe(Exception e) {
        if (e instanceof TimeoutException) {
            return "timed out";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
