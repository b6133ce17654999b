package dev.tandem.blender.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;

import dev.tandem.blender.merge.BlenderMetrics;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.testing.ManualClock;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeadlineSweeperTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private final InMemoryOutcomeStore outcomes = new InMemoryOutcomeStore(Clock.fixed(T0, ZoneOffset.UTC));
    private final InMemoryDeadlineIndex index = new InMemoryDeadlineIndex();
    private final List<Outcome> published = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    static Outcome waiting(String id, Verdict verdict, String... required) {
        return new Outcome(id, "default", "payments", "e-1", null, Priority.STANDARD, OutcomeStatus.PROVISIONAL, 1,
                verdict, 0.3, new ModelInfo("fast", "1"), verdict, List.of(), Map.of("amount", 1.0), List.of(required),
                Map.of(), false, T0, T0, T0, T0.plusSeconds(5));
    }

    private DeadlineSweeper sweeperAt(Instant now) {
        return new DeadlineSweeper(index, outcomes, outcome -> CompletableFuture.completedFuture(published.add(outcome)), new BlenderMetrics(meters),
                Clock.fixed(now, ZoneOffset.UTC), 100, Duration.ofSeconds(1));
    }

    private void store(Outcome outcome) {
        outcomes.create(outcome);
        index.add(outcome.tenant(), outcome.decisionId(), outcome.deadline());
    }

    @Test
    void sweep_pastDeadline_timesOutOnceWithTheProvisionalAnswerAndTheMissingEnrichersNamed() {
        store(waiting("d-1", Verdict.REVIEW, "velocity", "ip"));

        int first = sweeperAt(T0.plusSeconds(6)).sweep();
        int second = sweeperAt(T0.plusSeconds(7)).sweep();

        Outcome stored = outcomes.find("default", "d-1").toCompletableFuture().join().orElseThrow();
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(stored.status()).isEqualTo(OutcomeStatus.TIMED_OUT);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(stored.reasons()).containsExactly("deadline passed with [velocity, ip] missing; the provisional answer stands");
        assertThat(published).containsExactly(stored);
        assertThat(index.deadlines).isEmpty();
        assertThat(meters.timer("tandem.outcome.time.to.final", "flow", "payments", "status", "TIMED_OUT").count()).isEqualTo(1);
        assertThat(meters.counter("tandem.outcome.finalised", "flow", "payments", "status", "TIMED_OUT", "in_time", "false")
                .count()).isEqualTo(1);
    }

    @Test
    void sweep_severalDue_eachStampedWithTheTimeOfItsOwnWrite() {
        store(waiting("d-1", Verdict.APPROVE, "velocity"));
        store(waiting("d-2", Verdict.APPROVE, "velocity"));
        // a pass takes time: each announcement is waited for
        var ticking = ManualClock.ticking(T0.plusSeconds(6), Duration.ofSeconds(1));

        new DeadlineSweeper(index, outcomes, outcome -> CompletableFuture.completedFuture(published.add(outcome)),
                new BlenderMetrics(meters), ticking, 100, Duration.ofSeconds(1)).sweep();

        assertThat(published).extracting(Outcome::updatedAt).doesNotHaveDuplicates()
                .allSatisfy(stamp -> assertThat(stamp).isAfter(T0.plusSeconds(7)));
    }

    @Test
    void sweep_diesBetweenTheTimeoutAndItsAnnouncement_theNextPassAnnouncesIt() {
        store(waiting("d-4", Verdict.APPROVE, "velocity"));
        var dying = new DeadlineSweeper(index, outcomes, outcome -> {
            throw new IllegalStateException("kafka down");
        }, new BlenderMetrics(meters), Clock.fixed(T0.plusSeconds(6), ZoneOffset.UTC), 100, Duration.ofSeconds(1));

        dying.sweep();
        sweeperAt(T0.plusSeconds(7)).sweep();

        assertThat(published).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.TIMED_OUT);
            assertThat(outcome.version()).isEqualTo(2);
        });
        assertThat(index.deadlines).isEmpty();
    }

    @Test
    void sweep_beforeTheDeadline_changesNothing() {
        store(waiting("d-2", Verdict.APPROVE, "velocity"));

        assertThat(sweeperAt(T0.plusSeconds(4)).sweep()).isZero();

        assertThat(outcomes.find("default", "d-2").toCompletableFuture().join().orElseThrow().version()).isEqualTo(1);
        assertThat(index.deadlines).hasSize(1);
    }

    @Test
    void sweep_outcomeAlreadyFinalOrGone_isOnlyForgotten() {
        Outcome done = waiting("d-3", Verdict.APPROVE, "velocity");
        store(done);
        var result = new EnrichmentResult("velocity", "1", EnrichmentStatus.OK, null, Map.of(), T0);
        Outcome finalised = new Outcome(done.decisionId(), done.tenant(), done.flow(), done.entityId(), null,
                done.priority(), OutcomeStatus.FINAL, 2, Verdict.APPROVE, 0.1, done.model(), Verdict.APPROVE, List.of(),
                done.features(), done.requiredEnrichers(), Map.of("velocity", result), false, T0, T0, T0, done.deadline());
        outcomes.apply(finalised, 1, "velocity");
        index.add("default", "gone", T0);

        assertThat(sweeperAt(T0.plusSeconds(6)).sweep()).isZero();

        assertThat(published).isEmpty();
        assertThat(index.deadlines).isEmpty();
        assertThat(outcomes.find("default", "d-3").toCompletableFuture().join().orElseThrow().status())
                .isEqualTo(OutcomeStatus.FINAL);
    }
}
