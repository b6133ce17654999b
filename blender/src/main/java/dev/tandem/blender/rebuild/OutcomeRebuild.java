package dev.tandem.blender.rebuild;

import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.tandem.blender.deadline.DeadlineIndex;
import dev.tandem.blender.deadline.DecisionIndexListener;
import dev.tandem.blender.merge.MergeService;
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
 * Refills the outcome store from the log: every decision's v1, then every enrichment result merged
 * by the blender's own rules, in that order so that no result comes before its outcome; last, the
 * deadlines of the outcomes still waiting are indexed (not earlier, or a running sweeper would time
 * out outcomes whose results are still being replayed). Stored outcomes are kept (creation and merges are idempotent), so it is safe
 * to run on a store that is partly filled. Records that cannot be read or merged are skipped and
 * counted; they are in the dead-letter topics already.
 */
public final class OutcomeRebuild {

    /** What a rebuild did. */
    public record Report(long decisions, long results, long skipped) {
    }

    private static final Logger log = LoggerFactory.getLogger(OutcomeRebuild.class);

    private final TopicReplay replay;
    private final OutcomeStore outcomes;
    private final DeadlineIndex deadlines;
    private final MergeService merges;

    OutcomeRebuild(TopicReplay replay, OutcomeStore outcomes, DeadlineIndex deadlines, MergeService merges) {
        this.replay = replay;
        this.outcomes = outcomes;
        this.deadlines = deadlines;
        this.merges = merges;
    }

    public Report run() {
        var skipped = new long[1];
        var waiting = new ArrayList<DecisionMade>();
        var decisionReader = new AvroDeserializer<>(DecisionMade.class);
        long decisions = replay.replay(Topics.DECISIONS, record -> handle(record, skipped, () -> {
            DecisionMade decision = decisionReader.deserialize(record.topic(), record.value());
            if (decision != null && !decision.getRequiredEnrichers().isEmpty()) {
                outcomes.create(DecisionIndexListener.provisional(decision)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                waiting.add(decision);
            }
        }));
        log.atInfo().addKeyValue("records", decisions).log("replayed " + Topics.DECISIONS);
        var resultReader = new AvroDeserializer<>(EnrichmentCompleted.class);
        long results = replay.replay(Topics.ENRICHMENTS, record -> handle(record, skipped, () -> {
            EnrichmentCompleted result = resultReader.deserialize(record.topic(), record.value());
            if (result != null) {
                merges.merge(result);
            }
        }));
        log.atInfo().addKeyValue("records", results).log("replayed " + Topics.ENRICHMENTS);
        for (DecisionMade decision : waiting) {
            Optional<Outcome> outcome = outcomes.find(decision.getTenant(), decision.getDecisionId()).toCompletableFuture()
                    .join();
            if (outcome.isPresent() && !outcome.get().isFinal()) {
                deadlines.add(decision.getTenant(), decision.getDecisionId(), decision.getDeadline());
            }
        }
        return new Report(decisions, results, skipped[0]);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void handle(ConsumerRecord<String, byte[]> record, long[] skipped, Step step) {
        try {
            step.run();
        }
        catch (Exception ex) {
            skipped[0]++;
            log.atWarn().addKeyValue("topic", record.topic()).addKeyValue("offset", record.offset())
                    .addKeyValue("reason", ex.toString()).log("record skipped");
        }
    }
}
