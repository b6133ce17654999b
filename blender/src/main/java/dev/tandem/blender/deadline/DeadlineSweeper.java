package dev.tandem.blender.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.tandem.blender.merge.BlenderMetrics;
import dev.tandem.blender.merge.OutcomePublisher;
import dev.tandem.core.failure.Await;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.event.OutcomeStatus;
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

    /** A backstop only: the publisher fails its announcement within its own, shorter, timeout. */
    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofMinutes(1);

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
        int timedOut = 0;
        for (DeadlineIndex.Due due : index.due(clock.instant(), batch)) {
            try {
                // each outcome stamped with the time of its own write, not the pass's start: a watcher that
                // started meanwhile takes changes stamped from its start on (a pass waits for each announcement)
                timedOut += sweep(due) ? 1 : 0;
            }
            catch (RuntimeException ex) {
                // one bad entry must not hold back the ones behind it; it is tried again next pass
                log.atWarn().setCause(ex).addKeyValue("decisionId", due.decisionId()).log("deadline sweep of one outcome failed");
            }
        }
        return timedOut;
    }

    private boolean sweep(DeadlineIndex.Due due) {
        Optional<Outcome> current = await(outcomes.find(due.tenant(), due.decisionId()));
        Instant now = clock.instant(); // after the read: the stamp is as close to the write as it can be
        if (current.isEmpty()) {
            index.remove(due);
            return false;
        }
        if (current.get().isFinal()) {
            if (current.get().status() == OutcomeStatus.TIMED_OUT) {
                // announce again before forgetting: an earlier pass may have stored TIMED_OUT and
                // died before announcing it (readers dedupe by version); merges announce their own
                announce(current.get());
            }
            index.remove(due);
            return false;
        }
        Optional<Outcome> next = rule.timeOut(current.get(), now);
        if (next.isEmpty()) {
            return false;
        }
        switch (await(outcomes.update(next.get(), current.get().version()))) {
            case APPLIED -> {
                announce(next.get());
                metrics.finalised(next.get(), now);
                index.remove(due);
                log.atInfo().addKeyValue("decisionId", due.decisionId()).addKeyValue("missing", current.get().pending())
                        .log("outcome timed out");
                return true;
            }
            case MISSING -> index.remove(due);
            case CONFLICT, DUPLICATE -> {
                // changed under us (a result merged, or another sweeper): looked at again next pass
            }
        }
        return false;
    }

    /** Waits for the announcement: the entry leaves the index only once its end state is durable. */
    private void announce(Outcome outcome) {
        Await.on(publisher.publish(outcome), ANNOUNCE_TIMEOUT, "kafka", "announcing outcome " + outcome.decisionId());
    }

    private <T> T await(CompletionStage<T> stage) {
        return Await.on(stage, storeTimeout, "redis", "sweeping deadlines");
    }
}
