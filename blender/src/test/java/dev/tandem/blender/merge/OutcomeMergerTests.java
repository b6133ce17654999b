package dev.tandem.blender.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tandem.core.flow.AttributeSpec;
import dev.tandem.core.flow.AttributeType;
import dev.tandem.core.flow.Flow;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Thresholds;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.model.LogisticModel;
import dev.tandem.core.model.LogisticModelSpec;
import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

class OutcomeMergerTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    /** Full model: score = sigmoid(-5 + 2 * burst); burst 0 → APPROVE, 2.5 → REVIEW, 4 → DECLINE. */
    static Flow flow(String... enrichers) {
        return flow(false, enrichers);
    }

    static Flow flow(boolean amend, String... enrichers) {
        var fast = new LogisticModel(new LogisticModelSpec("fast", "1", -3, Map.of("amount", 0.0), Map.of()));
        var full = new LogisticModel(new LogisticModelSpec("full", "1", -5, Map.of("burst", 2.0), Map.of()));
        var definition = new FlowDefinition(Map.of("amount", new AttributeSpec(AttributeType.POSITIVE_NUMBER, true)),
                List.of("amount"), Map.of(), List.of(enrichers), Duration.ofSeconds(5), new Thresholds(0.5, 0.9),
                new ModelChoice("fast", "1"), new ModelChoice("full", "1"), amend, null, Map.of(), null);
        return Flows.of(Map.of("payments", definition), ModelRegistry.of(fast, full)).find("payments").orElseThrow();
    }

    static Outcome provisional(Verdict verdict, String... enrichers) {
        return new Outcome("d-1", "default", "payments", "e-1", null, Priority.STANDARD, OutcomeStatus.PROVISIONAL, 1,
                verdict, 0.05, new ModelInfo("fast", "1"), verdict, List.of(), Map.of("amount", 10.0),
                List.of(enrichers), Map.of(), false, T0, T0, T0, T0.plusSeconds(5));
    }

    static EnrichmentResult result(String enricher, double burst) {
        return new EnrichmentResult(enricher, "1", EnrichmentStatus.OK, null, Map.of("burst", burst), T0.plusMillis(20));
    }

    private final OutcomeMerger merger = new OutcomeMerger();

    @Test
    void merge_firstOfTwoResults_isEnrichingOneVersionUp() {
        var decision = merger.merge(provisional(Verdict.APPROVE, "a", "b"), result("a", 4), flow("a", "b"), T0.plusSeconds(1));

        var next = ((MergeDecision.Apply) decision).next();
        assertThat(next.status()).isEqualTo(OutcomeStatus.ENRICHING);
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(next.completed()).containsExactly("a");
        assertThat(next.pending()).containsExactly("b");
        assertThat(next.updatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void merge_lastResult_rescoresWithTheFullModelAndFinalises() {
        var decision = merger.merge(provisional(Verdict.APPROVE, "a"), result("a", 4), flow("a"), T0.plusSeconds(1));

        var next = ((MergeDecision.Apply) decision).next();
        assertThat(next.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(next.score()).isEqualTo(1 / (1 + Math.exp(-3)));
        assertThat(next.model()).isEqualTo(new ModelInfo("full", "1"));
        assertThat(next.verdict()).isEqualTo(Verdict.DECLINE);
        assertThat(next.provisionalVerdict()).isEqualTo(Verdict.APPROVE);
        assertThat(next.reasons()).anyMatch(r -> r.startsWith("escalated from APPROVE to DECLINE by full"));
    }

    @Test
    void merge_fullModelMilderThanProvisional_keepsTheProvisionalAnswer() {
        var decision = merger.merge(provisional(Verdict.REVIEW, "a"), result("a", 0), flow("a"), T0.plusSeconds(1));

        var next = ((MergeDecision.Apply) decision).next();
        assertThat(next.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(next.reasons()).anyMatch(r -> r.contains("suggests APPROVE") && r.contains("only escalated"));
    }

    @Test
    void merge_failedResult_finalisesWithDefaultsAndRecordsWhy() {
        var failed = new EnrichmentResult("a", "1", EnrichmentStatus.FAILED, "timeout talking to x", Map.of(), T0);

        var next = ((MergeDecision.Apply) merger.merge(provisional(Verdict.APPROVE, "a"), failed, flow("a"), T0)).next();

        assertThat(next.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(next.reasons()).contains("enricher a FAILED: timeout talking to x", "final: feature burst unavailable; default 0.0 used");
    }

    @Test
    void merge_defaultAlreadyReportedByTheFastModel_isNotReportedTwice() {
        var failed = new EnrichmentResult("a", "1", EnrichmentStatus.FAILED, "down", Map.of(), T0);
        var first = ((MergeDecision.Apply) merger.merge(provisional(Verdict.APPROVE, "a", "b"), failed, flow("a", "b"), T0)).next();
        var withReason = new Outcome(first.decisionId(), first.tenant(), first.flow(), first.entityId(), null,
                first.priority(), first.status(), first.version(), first.verdict(), first.score(), first.model(),
                first.provisionalVerdict(), List.of("feature burst unavailable; default 0.0 used"), first.features(),
                first.requiredEnrichers(), first.enrichments(), false, T0, T0, T0, T0);

        var next = ((MergeDecision.Apply) merger.merge(withReason, new EnrichmentResult("b", "1", EnrichmentStatus.OK,
                null, Map.of(), T0), flow("a", "b"), T0)).next();

        assertThat(next.reasons()).containsExactly("feature burst unavailable; default 0.0 used");
    }

    @Test
    void merge_resultsOutOfOrder_endInTheSameOutcomeAsInOrder() {
        var a = new EnrichmentResult("a", "1", EnrichmentStatus.OK, null, Map.of("burst", 3.0), T0);
        var b = new EnrichmentResult("b", "1", EnrichmentStatus.OK, null, Map.of("other", 1.0), T0);
        var flow = flow("a", "b");

        var inOrder = apply(apply(provisional(Verdict.APPROVE, "a", "b"), a, flow), b, flow);
        var reversed = apply(apply(provisional(Verdict.APPROVE, "a", "b"), b, flow), a, flow);

        assertThat(reversed).isEqualTo(inOrder);
        assertThat(inOrder.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(inOrder.version()).isEqualTo(3);
    }

    private Outcome apply(Outcome current, EnrichmentResult result, Flow flow) {
        return ((MergeDecision.Apply) merger.merge(current, result, flow, T0.plusSeconds(1))).next();
    }

    @Test
    void merge_resultAlreadyIn_isADuplicate() {
        var once = ((MergeDecision.Apply) merger.merge(provisional(Verdict.APPROVE, "a", "b"), result("a", 1), flow("a", "b"), T0)).next();

        assertThat(merger.merge(once, result("a", 3), flow("a", "b"), T0)).isInstanceOf(MergeDecision.Duplicate.class);
    }

    @Test
    void merge_afterFinal_isLate() {
        var done = ((MergeDecision.Apply) merger.merge(provisional(Verdict.APPROVE, "a"), result("a", 1), flow("a"), T0)).next();

        assertThat(merger.merge(done, result("b", 3), flow("a"), T0)).isInstanceOf(MergeDecision.Late.class);
    }

    static Outcome timedOut(Verdict verdict, String... enrichers) {
        var p = provisional(verdict, enrichers);
        return new Outcome(p.decisionId(), p.tenant(), p.flow(), p.entityId(), null, p.priority(), OutcomeStatus.TIMED_OUT,
                2, verdict, p.score(), p.model(), verdict, List.of("deadline passed"), p.features(), p.requiredEnrichers(),
                Map.of(), false, T0, T0, T0.plusSeconds(5), p.deadline());
    }

    @Test
    void merge_lateResultAfterTimeout_isLateWhenTheFlowDoesNotAllowAmendments() {
        assertThat(merger.merge(timedOut(Verdict.APPROVE, "a"), result("a", 4), flow("a"), T0.plusSeconds(6)))
                .isInstanceOf(MergeDecision.Late.class);
    }

    @Test
    void merge_lateResultAfterTimeout_amendsEscalatingOnlyWhenTheFlowAllowsIt() {
        var escalating = merger.merge(timedOut(Verdict.APPROVE, "a"), result("a", 4), flow(true, "a"), T0.plusSeconds(6));
        var milder = merger.merge(timedOut(Verdict.REVIEW, "a"), result("a", 0), flow(true, "a"), T0.plusSeconds(6));

        var amended = ((MergeDecision.Amend) escalating).next();
        assertThat(amended.status()).isEqualTo(OutcomeStatus.AMENDED);
        assertThat(amended.version()).isEqualTo(3);
        assertThat(amended.verdict()).isEqualTo(Verdict.DECLINE);
        assertThat(amended.reasons().getLast()).startsWith("amended after TIMED_OUT by the late a result")
                .endsWith("escalated from APPROVE to DECLINE");
        assertThat(((MergeDecision.Amend) milder).next().verdict()).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void merge_enricherTheFlowDoesNotWaitFor_changesNothing() {
        assertThat(merger.merge(provisional(Verdict.APPROVE, "a"), result("zzz", 3), flow("a"), T0))
                .isInstanceOf(MergeDecision.NotRequired.class);
    }
}
