package dev.tandem.blender.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.tandem.blender.deadline.DeadlineIndex;
import dev.tandem.blender.deadline.DecisionIndexListener;
import dev.tandem.blender.deadline.TimeoutRule;
import dev.tandem.blender.merge.MergeService;
import dev.tandem.core.failure.Await;
import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refills the outcome store from the log, through the blender's own rules and in the log's time:
 * <ol>
 * <li>every decision's v1;</li>
 * <li>every enrichment result, merged; a result written after its outcome's deadline first times the
 * outcome out, as the sweeper did then, so it ends TIMED_OUT or AMENDED as it did the first time;</li>
 * <li>the deadlines of the outcomes still waiting, indexed last, so that a running sweeper does not
 * time out outcomes whose results are still being replayed.</li>
 * </ol>
 * Stored outcomes are kept (creation and merges are idempotent), so it is safe on a partly filled
 * store. Records that cannot be read or merged (they went to the dead letters at the time) are
 * skipped and counted; a Redis failure stops the rebuild, to be run again.
 */
public final class OutcomeRebuild {

    /** What a rebuild did. */
    public record Report(long decisions, long results, long skipped) {
    }

    private record Waiting(String tenant, String decisionId, Instant deadline) {
    }

    private static final Logger log = LoggerFactory.getLogger(OutcomeRebuild.class);

    private final TopicReplay replay;
    private final OutcomeStore outcomes;
    private final DeadlineIndex deadlines;
    private final MergeService merges;
    private final TimeoutRule timeouts = new TimeoutRule();
    private final Duration storeTimeout;

    OutcomeRebuild(TopicReplay replay, OutcomeStore outcomes, DeadlineIndex deadlines, MergeService merges,
            Duration storeTimeout) {
        this.replay = replay;
        this.outcomes = outcomes;
        this.deadlines = deadlines;
        this.merges = merges;
        this.storeTimeout = storeTimeout;
    }

    public Report run() {
        var skipped = new long[1];
        var waiting = new ArrayList<Waiting>();
        var decisionReader = new AvroDeserializer<>(DecisionMade.class);
        long decisions = 0;
        for (String lane : Topics.DECISION_LANES) {
            long read = replay.replay(lane, record -> handle(record, skipped, () -> {
                DecisionMade decision = decisionReader.deserialize(record.topic(), record.value());
                if (decision != null && !decision.getRequiredEnrichers().isEmpty()) {
                    await(outcomes.create(DecisionIndexListener.provisional(decision)));
                    waiting.add(new Waiting(decision.getTenant(), decision.getDecisionId(), decision.getDeadline()));
                }
            }));
            log.atInfo().addKeyValue("records", read).log("replayed " + lane);
            decisions += read;
        }
        var resultReader = new AvroDeserializer<>(EnrichmentCompleted.class);
        long results = replay.replay(Topics.ENRICHMENTS, record -> handle(record, skipped, () -> {
            EnrichmentCompleted result = resultReader.deserialize(record.topic(), record.value());
            if (result != null) {
                timeOutIfDue(result, Instant.ofEpochMilli(record.timestamp()));
                merges.merge(result);
            }
        }));
        log.atInfo().addKeyValue("records", results).log("replayed " + Topics.ENRICHMENTS);
        for (Waiting w : waiting) {
            Optional<Outcome> outcome = await(outcomes.find(w.tenant(), w.decisionId()));
            if (outcome.isPresent() && !outcome.get().isFinal()) {
                deadlines.add(w.tenant(), w.decisionId(), w.deadline());
            }
        }
        return new Report(decisions, results, skipped[0]);
    }

    /** The result was written after the deadline: the outcome had timed out before it came. */
    private void timeOutIfDue(EnrichmentCompleted result, Instant writtenAt) {
        Optional<Outcome> current = await(outcomes.find(result.getTenant(), result.getDecisionId()));
        if (current.isPresent() && !current.get().isFinal() && writtenAt.isAfter(current.get().deadline())) {
            Optional<Outcome> timedOut = timeouts.timeOut(current.get(), current.get().deadline());
            if (timedOut.isPresent()) {
                await(outcomes.update(timedOut.get(), current.get().version()));
            }
        }
    }

    private <T> T await(CompletionStage<T> stage) {
        return Await.on(stage, storeTimeout, "redis", "rebuilding");
    }

    private static void handle(ConsumerRecord<String, byte[]> record, long[] skipped, Runnable step) {
        try {
            step.run();
        }
        catch (DependencyException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            skipped[0]++;
            log.atWarn().addKeyValue("topic", record.topic()).addKeyValue("offset", record.offset())
                    .addKeyValue("reason", ex.toString()).log("record skipped");
        }
    }
}
