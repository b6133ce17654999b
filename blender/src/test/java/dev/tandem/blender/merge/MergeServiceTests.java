package dev.tandem.blender.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Map;

import dev.tandem.core.flow.Flow;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MergeServiceTests {

    private final InMemoryOutcomeStore store = new InMemoryOutcomeStore();
    private final List<Outcome> published = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> steps = new ArrayList<>();
    private final MergeService service = new MergeService(
            flows(), store,
            recordingInto(published), new BlenderMetrics(meters), Clock.fixed(OutcomeMergerTests.T0.plusSeconds(1), ZoneOffset.UTC), 3,
            java.time.Duration.ofSeconds(1));

    /** A publisher that records what it is given and announces at once. */
    static OutcomePublisher recordingInto(List<Outcome> published) {
        return outcome -> announced(published.add(outcome));
    }

    static CompletionStage<?> announced(Object ignored) {
        return CompletableFuture.completedFuture(null);
    }

    static Flows flows() {
        return flows(OutcomeMergerTests.flow("velocity"));
    }

    static Flows flows(Flow flow) {
        return Flows.of(Map.<String, FlowDefinition>of("payments", flow.definition()), flow.models());
    }

    /** A service over {@code flows} that tells {@code finalisation}, recording what it does in {@link #steps}. */
    private MergeService service(Flows flows, OutcomeFinalisation finalisation) {
        return new MergeService(flows, store, outcome -> announced(steps.add("published v" + outcome.version())), outcome -> {
            finalisation.finalised(outcome);
            steps.add("finalised v" + outcome.version() + " " + outcome.status());
        }, new BlenderMetrics(meters), Clock.fixed(OutcomeMergerTests.T0.plusSeconds(1), ZoneOffset.UTC), 3,
                java.time.Duration.ofSeconds(1));
    }

    static EnrichmentCompleted event(String decisionId, String flow) {
        return EnrichmentCompleted.newBuilder().setDecisionId(decisionId).setTenant("default").setFlow(flow)
                .setEntityId("e-1").setEnricher("velocity").setEnricherVersion("1").setStatus(EnrichmentStatus.OK)
                .setReason(null).setFeatures(Map.of("burst", 4.0)).setEventTime(OutcomeMergerTests.T0)
                .setComputedAt(OutcomeMergerTests.T0).build();
    }

    @Test
    void merge_sameResultTwice_changesTheOutcomeOnceAndAnnouncesTheStoredVersionAgain() {
        store.create(OutcomeMergerTests.provisional(Verdict.APPROVE, "velocity"));

        service.merge(event("d-1", "payments"));
        service.merge(event("d-1", "payments"));

        Outcome stored = store.find("default", "d-1").toCompletableFuture().join().orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(published).extracting(Outcome::version).containsExactly(2L, 2L);
        assertThat(meters.counter("tandem.outcome.duplicates", "enricher", "velocity").count()).isEqualTo(1);
        assertThat(meters.counter("tandem.outcome.finalised", "flow", "payments", "status", "FINAL", "in_time", "true")
                .count()).isEqualTo(1);
        assertThat(meters.counter("tandem.outcome.flips", "flow", "payments", "from", "APPROVE", "to", "DECLINE").count())
                .isEqualTo(1);
    }

    @Test
    void merge_blenderDiesBetweenTheMergeAndThePublish_theRedeliveryAnnouncesTheStoredVersion() {
        store.create(OutcomeMergerTests.provisional(Verdict.APPROVE, "velocity"));
        var dying = new MergeService(flows(), store, outcome -> CompletableFuture.failedFuture(
                new dev.tandem.core.failure.DependencyException("kafka", "publishing", new IllegalStateException("down"))),
                new BlenderMetrics(meters), Clock.fixed(OutcomeMergerTests.T0.plusSeconds(1), ZoneOffset.UTC), 3,
                java.time.Duration.ofSeconds(1));

        assertThat(dying.merge(event("d-1", "payments")).toCompletableFuture())
                .failsWithin(java.time.Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(dev.tandem.core.failure.DependencyException.class);
        service.merge(event("d-1", "payments"));

        assertThat(published).singleElement().satisfies(outcome -> {
            assertThat(outcome.version()).isEqualTo(2);
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.FINAL);
        });
    }

    @Test
    void merge_outcomeNotStored_isUnprocessable() {
        assertThatExceptionOfType(MergeExceptions.OutcomeMissing.class).isThrownBy(() -> service.merge(event("nope", "payments")));
        assertThat(published).isEmpty();
    }

    @Test
    void merge_unknownFlow_isNotRetryable() {
        assertThatExceptionOfType(dev.tandem.core.failure.UnprocessableException.class).isThrownBy(() -> service.merge(event("d-1", "nope")))
                .withMessageContaining("unknown flow 'nope'");
    }

    @Test
    void merge_lastResult_tellsTheFinalisationOnce_beforeAnnouncing() {
        store.create(OutcomeMergerTests.provisional(Verdict.APPROVE, "velocity"));
        MergeService telling = service(flows(), OutcomeFinalisation.NONE);

        telling.merge(event("d-1", "payments"));
        telling.merge(event("d-1", "payments"));

        assertThat(steps).containsExactly("finalised v2 FINAL", "published v2", "published v2");
    }

    @Test
    void merge_firstOfTwoResults_isNotFinal_andTellsNobody() {
        store.create(OutcomeMergerTests.provisional(Verdict.APPROVE, "velocity", "ip"));

        service(flows(OutcomeMergerTests.flow("velocity", "ip")), OutcomeFinalisation.NONE).merge(event("d-1", "payments"));

        assertThat(store.find("default", "d-1").toCompletableFuture().join().orElseThrow().status())
                .isEqualTo(OutcomeStatus.ENRICHING);
        assertThat(steps).containsExactly("published v2");
    }

    @Test
    void merge_amendingATimedOutOutcome_tellsNobody_itWasFinalAlready() {
        Outcome o = OutcomeMergerTests.provisional(Verdict.APPROVE, "velocity");
        store.create(o);
        store.update(new Outcome(o.decisionId(), o.tenant(), o.flow(), o.entityId(), o.requestId(), o.priority(),
                OutcomeStatus.TIMED_OUT, 2, o.verdict(), o.score(), o.model(), o.provisionalVerdict(), o.reasons(),
                o.features(), o.requiredEnrichers(), o.enrichments(), o.degraded(), o.eventTime(), o.createdAt(),
                o.deadline(), o.deadline()), 1);

        service(flows(OutcomeMergerTests.flow(true, "velocity")), OutcomeFinalisation.NONE).merge(event("d-1", "payments"));

        assertThat(store.find("default", "d-1").toCompletableFuture().join().orElseThrow().status())
                .isEqualTo(OutcomeStatus.AMENDED);
        assertThat(steps).containsExactly("published v3");
    }

    @Test
    void merge_finalisationFails_theOutcomeIsStoredAndAnnouncedAllTheSame() {
        store.create(OutcomeMergerTests.provisional(Verdict.APPROVE, "velocity"));
        MergeService failing = service(flows(), outcome -> {
            throw new dev.tandem.core.failure.DependencyException("redis", "removing a deadline",
                    new IllegalStateException("down"));
        });

        failing.merge(event("d-1", "payments"));

        assertThat(store.find("default", "d-1").toCompletableFuture().join().orElseThrow().status())
                .isEqualTo(OutcomeStatus.FINAL);
        assertThat(steps).containsExactly("published v2");
    }
}
