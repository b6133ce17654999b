package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import org.jspecify.annotations.Nullable;

/**
 * Runs one enricher over a batch of decisions and turns every answer, failure and timeout into an
 * {@link EnrichmentCompleted}, one per decision, in order. Retryable failures and timeouts are tried again, only
 * for the requests that had them, after a full-jitter back-off, up to the configured attempts; what still fails
 * becomes FAILED (or TIMED_OUT) with the reason. Plain Java; thread-safe.
 *
 * <p>One failure is not the enricher's to absorb: a {@link DependencyException} (the enricher says its own
 * dependency is unavailable, for example an open circuit) is rethrown, so the listener can pause the partitions
 * and offer the same records again later instead of failing every decision while the dependency is away.
 */
final class EnrichmentRunner {

    /** Waits between attempts; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Enricher enricher;
    private final EnricherSettings settings;
    private final EnrichmentMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    EnrichmentRunner(Enricher enricher, EnricherSettings settings, EnrichmentMetrics metrics, Clock clock,
            Sleeper sleeper, RandomGenerator random) {
        this.enricher = enricher;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** One result per decision, in order. */
    List<EnrichmentCompleted> run(List<DecisionMade> decisions) {
        List<EnrichmentRequest> requests = decisions.stream().map(EnrichmentRequest::of).toList();
        var ends = new End[requests.size()];
        List<Integer> pending = indices(requests.size());
        int maxAttempts = settings.retry().maxAttempts();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            boolean last = attempt >= maxAttempts;
            List<Integer> again = new ArrayList<>();
            Call call = call(pending.stream().map(requests::get).toList());
            for (int i = 0; i < pending.size(); i++) {
                int index = pending.get(i);
                switch (call.answers().get(i)) {
                    case EnrichmentAnswer.Features features -> ends[index] = End.ok(features.values());
                    case EnrichmentAnswer.Failure failure when failure.retryable() && !last -> again.add(index);
                    case EnrichmentAnswer.Failure failure -> ends[index] = End.failed(failure, attempt,
                            call.timedOut());
                }
            }
            if (!again.isEmpty()) {
                metrics.retried(again.size());
                pause(attempt);
            }
            pending = again;
        }
        var results = new ArrayList<EnrichmentCompleted>(decisions.size());
        for (int i = 0; i < decisions.size(); i++) {
            metrics.result(ends[i].status());
            results.add(result(decisions.get(i), ends[i]));
        }
        return results;
    }

    /** The answers of one call, and whether they stand for a timeout of the whole call. */
    private record Call(List<EnrichmentAnswer> answers, boolean timedOut) {
    }

    /** One call for {@code batch}; a whole-batch failure or timeout is spread over its requests. */
    private Call call(List<EnrichmentRequest> batch) {
        CompletableFuture<List<EnrichmentAnswer>> stage = CompletableFuture.completedFuture(List.of());
        try {
            CompletionStage<List<EnrichmentAnswer>> answer = enricher.enrich(batch);
            if (answer == null) {
                return all(batch, EnrichmentAnswer.permanent(enricher.name() + " returned no answer"), false);
            }
            stage = answer.toCompletableFuture();
            List<EnrichmentAnswer> answers = stage.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (answers == null || answers.size() != batch.size()) {
                return all(batch, EnrichmentAnswer.permanent(enricher.name() + " answered "
                        + (answers == null ? "nothing" : answers.size() + " times") + " for " + batch.size()
                        + " requests"), false);
            }
            return new Call(answers, false);
        } catch (TimeoutException ex) {
            stage.cancel(true);
            return all(batch, EnrichmentAnswer.retryable(enricher.name() + " did not answer within "
                    + settings.timeout()), true);
        } catch (ExecutionException ex) {
            return failedBatch(batch, ex.getCause() == null ? ex : ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException(enricher.name(), "interrupted while enriching", ex);
        } catch (RuntimeException ex) {
            return failedBatch(batch, ex);
        }
    }

    private Call failedBatch(List<EnrichmentRequest> batch, Throwable failure) {
        if (failure instanceof DependencyException dependency) {
            throw dependency;
        }
        String reason = enricher.name() + " failed: " + failure;
        return all(batch, failure instanceof IllegalArgumentException ? EnrichmentAnswer.permanent(reason)
                : EnrichmentAnswer.retryable(reason), false);
    }

    private void pause(int attempt) {
        long ceiling = settings.retry().ceiling(attempt).toNanos();
        try {
            sleeper.sleep(Duration.ofNanos(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1)));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException(enricher.name(), "interrupted between attempts", ex);
        }
    }

    private EnrichmentCompleted result(DecisionMade decision, End end) {
        return EnrichmentCompleted.newBuilder()
                .setDecisionId(decision.getDecisionId())
                .setTenant(decision.getTenant())
                .setFlow(decision.getFlow())
                .setEntityId(decision.getEntityId())
                .setEnricher(enricher.name())
                .setEnricherVersion(enricher.version())
                .setStatus(end.status())
                .setReason(end.reason())
                .setFeatures(end.features())
                .setEventTime(decision.getEventTime())
                .setComputedAt(clock.instant())
                .build();
    }

    private static Call all(List<EnrichmentRequest> batch, EnrichmentAnswer answer, boolean timedOut) {
        return new Call(batch.stream().map(request -> answer).toList(), timedOut);
    }

    private static List<Integer> indices(int size) {
        var indices = new ArrayList<Integer>(size);
        for (int i = 0; i < size; i++) {
            indices.add(i);
        }
        return indices;
    }

    /** How one request ended. */
    private record End(EnrichmentStatus status, @Nullable String reason, Map<String, Double> features) {

        static End ok(Map<String, Double> features) {
            return new End(EnrichmentStatus.OK, null, features);
        }

        static End failed(EnrichmentAnswer.Failure failure, int attempts, boolean timedOut) {
            return new End(timedOut ? EnrichmentStatus.TIMED_OUT : EnrichmentStatus.FAILED,
                    failure.reason() + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), Map.of());
        }
    }
}
