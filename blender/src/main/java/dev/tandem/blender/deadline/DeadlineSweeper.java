package dev.tandem.blender.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.blender.merge.BlenderMetrics;
import dev.tandem.blender.merge.OutcomePublisher;
import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finalises outcomes whose deadline passed with enrichers missing. Each is claimed with a
 * compare-and-set on its version, so with several blender instances sweeping, each outcome times
 * out once; the loser of a race sees a conflict and finds the outcome final on its next sweep.
 * Plain Java over ports; run it from one thread.
 */
final class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final DeadlineIndex index;
    private final OutcomeStore outcomes;
    private final OutcomePublisher publisher;
    private final BlenderMetrics metrics;
    private final TimeoutRule rule = new TimeoutRule();
    private final Clock clock;
    private final int batch;
    private final Duration storeTimeout;

    DeadlineSweeper(DeadlineIndex index, OutcomeStore outcomes, OutcomePublisher publisher, BlenderMetrics metrics,
            Clock clock, int batch, Duration storeTimeout) {
        this.index = index;
        this.outcomes = outcomes;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.batch = batch;
        this.storeTimeout = storeTimeout;
    }

    /** One pass over the due deadlines; returns how many outcomes this pass timed out. */
    int sweep() {
        Instant now = clock.instant();
        int timedOut = 0;
        for (DeadlineIndex.Due due : index.due(now, batch)) {
            Optional<Outcome> current = await(outcomes.find(due.tenant(), due.decisionId()));
            if (current.isEmpty() || current.get().isFinal()) {
                index.remove(due);
                continue;
            }
            Optional<Outcome> next = rule.timeOut(current.get(), now);
            if (next.isEmpty()) {
                continue;
            }
            switch (await(outcomes.update(next.get(), current.get().version()))) {
                case APPLIED -> {
                    publisher.publish(next.get());
                    metrics.finalised(next.get(), now);
                    index.remove(due);
                    timedOut++;
                    log.atInfo().addKeyValue("decisionId", due.decisionId()).addKeyValue("missing", current.get().pending())
                            .log("outcome timed out");
                }
                case MISSING -> index.remove(due);
                case CONFLICT, DUPLICATE -> {
                    // changed under us (a result merged, or another sweeper): looked at again next pass
                }
            }
        }
        return timedOut;
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException("redis", "sweeping deadlines (interrupted)", ex);
        }
        catch (ExecutionException ex) {
            throw new DependencyException("redis", "sweeping deadlines", ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new DependencyException("redis", "sweeping deadlines (no answer within " + storeTimeout + ")", ex);
        }
    }
}
