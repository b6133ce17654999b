package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class EnrichmentRunnerTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    static DecisionMade decision(String id, String... required) {
        return DecisionMade.newBuilder().setDecisionId(id).setTenant("default").setFlow("payments").setEntityId("e-1")
                .setRequestId(null).setPriority(Priority.STANDARD).setAttributes(Map.of("amount", 10.0))
                .setFeatures(Map.of()).setVerdict(Verdict.APPROVE).setScore(0.1).setModel(new ModelRef("m", "1"))
                .setRequiredEnrichers(List.of(required)).setEventTime(T0).setDecidedAt(T0)
                .setDeadline(T0.plusSeconds(5)).build();
    }

    /** An enricher that answers each batch with {@code body}; it remembers the batches it was given. */
    static final class FakeEnricher implements Enricher {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        private final String name;
        private final Function<List<EnrichmentRequest>, CompletionStage<List<EnrichmentAnswer>>> body;

        FakeEnricher(String name, Function<List<EnrichmentRequest>, CompletionStage<List<EnrichmentAnswer>>> body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            return "7";
        }

        @Override
        public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
            batches.add(batch.stream().map(EnrichmentRequest::decisionId).toList());
            return body.apply(batch);
        }
    }

    static FakeEnricher answering(Function<EnrichmentRequest, EnrichmentAnswer> perRequest) {
        return new FakeEnricher("a", batch -> CompletableFuture.completedFuture(batch.stream().map(perRequest).toList()));
    }

    static EnricherSettings settings(int maxAttempts, Duration timeout) {
        return new EnricherSettings(1, 1, 64, Duration.ofMillis(50), Duration.ofMillis(500), 1, timeout,
                new EnricherSettings.Retry(maxAttempts, Duration.ofMillis(50), Duration.ofSeconds(1)));
    }

    final List<Duration> sleeps = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    EnrichmentRunner runner(Enricher enricher, EnricherSettings settings) {
        var metrics = new EnrichmentMetrics(meters, enricher.name(), new BatchSizer(1, 8, Duration.ofMillis(50)));
        return new EnrichmentRunner(enricher, settings, metrics, Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC),
                sleeps::add, new Random(42));
    }

    @Test
    void run_batch_givesOneResultPerDecisionInOrder_withNameVersionAndTimes() {
        var enricher = answering(r -> EnrichmentAnswer.features(Map.of("x", r.decisionId().equals("d-2") ? 2.0 : 1.0)));

        List<EnrichmentCompleted> results = runner(enricher, settings(3, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"), decision("d-2", "a")));

        assertThat(enricher.batches).containsExactly(List.of("d-1", "d-2"));
        assertThat(results).extracting(EnrichmentCompleted::getDecisionId).containsExactly("d-1", "d-2");
        assertThat(results.get(1)).satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(EnrichmentStatus.OK);
            assertThat(r.getFeatures()).containsEntry("x", 2.0);
            assertThat(r.getEnricher()).isEqualTo("a");
            assertThat(r.getEnricherVersion()).isEqualTo("7");
            assertThat(r.getEventTime()).isEqualTo(T0);
            assertThat(r.getComputedAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void run_retryableFailureOfOneRequest_retriesOnlyThatRequest_afterAJitteredBackOff() {
        var calls = new int[1];
        var enricher = answering(r -> r.decisionId().equals("d-2") && calls[0]++ == 0
                ? EnrichmentAnswer.retryable("503 from provider") : EnrichmentAnswer.features(Map.of("x", 1.0)));

        List<EnrichmentCompleted> results = runner(enricher, settings(3, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"), decision("d-2", "a")));

        assertThat(enricher.batches).containsExactly(List.of("d-1", "d-2"), List.of("d-2"));
        assertThat(results).extracting(EnrichmentCompleted::getStatus).containsOnly(EnrichmentStatus.OK);
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(50)));
        assertThat(meters.get("tandem.enrichment.retries").counter().count()).isEqualTo(1.0);
    }

    @Test
    void run_retryableFailureThatLasts_isFailedAfterTheConfiguredAttempts_withTheReason() {
        var enricher = answering(r -> EnrichmentAnswer.retryable("read timed out"));

        EnrichmentCompleted result = runner(enricher, settings(3, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"))).getFirst();

        assertThat(enricher.batches).hasSize(3);
        assertThat(result.getStatus()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(result.getReason()).isEqualTo("read timed out (after 3 attempts)");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void run_permanentFailure_isFailedAtOnce_andTheOthersStillSucceed() {
        var enricher = answering(r -> r.decisionId().equals("d-1") ? EnrichmentAnswer.permanent("no amount")
                : EnrichmentAnswer.features(Map.of("x", 1.0)));

        List<EnrichmentCompleted> results = runner(enricher, settings(3, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"), decision("d-2", "a")));

        assertThat(enricher.batches).hasSize(1);
        assertThat(results).extracting(EnrichmentCompleted::getStatus)
                .containsExactly(EnrichmentStatus.FAILED, EnrichmentStatus.OK);
        assertThat(results.getFirst().getReason()).isEqualTo("no amount");
    }

    @Test
    void run_enricherThatNeverAnswers_isTimedOutAfterEveryAttempt() {
        var enricher = new FakeEnricher("a", batch -> new CompletableFuture<>());

        EnrichmentCompleted result = runner(enricher, settings(2, Duration.ofMillis(20)))
                .run(List.of(decision("d-1", "a"))).getFirst();

        assertThat(enricher.batches).hasSize(2);
        assertThat(result.getStatus()).isEqualTo(EnrichmentStatus.TIMED_OUT);
        assertThat(result.getReason()).isEqualTo("a did not answer within PT0.02S (after 2 attempts)");
    }

    @Test
    void run_stageFailedWithIllegalArgument_failsTheBatchWithoutRetry() {
        var enricher = new FakeEnricher("a",
                batch -> CompletableFuture.failedFuture(new IllegalArgumentException("bad input")));

        EnrichmentCompleted result = runner(enricher, settings(3, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"))).getFirst();

        assertThat(enricher.batches).hasSize(1);
        assertThat(result.getStatus()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(result.getReason()).contains("bad input");
    }

    @Test
    void run_wrongNumberOfAnswers_failsEveryRequestOfTheBatch() {
        var enricher = new FakeEnricher("a", batch -> CompletableFuture.completedFuture(
                List.of(EnrichmentAnswer.features(Map.of()))));

        List<EnrichmentCompleted> results = runner(enricher, settings(3, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"), decision("d-2", "a")));

        assertThat(results).extracting(EnrichmentCompleted::getStatus).containsOnly(EnrichmentStatus.FAILED);
        assertThat(results.getFirst().getReason()).isEqualTo("a answered 1 times for 2 requests");
    }

    @Test
    void run_enricherSaysItsDependencyIsUnavailable_throwsSoThePartitionsPause() {
        var enricher = new FakeEnricher("a", batch -> CompletableFuture.failedFuture(
                new DependencyException("provider", "calling it", new IllegalStateException("circuit open"))));

        assertThatExceptionOfType(DependencyException.class).isThrownBy(
                () -> runner(enricher, settings(3, Duration.ofSeconds(1))).run(List.of(decision("d-1", "a"))));
    }

    @Test
    void run_enricherThatThrows_isTreatedAsARetryableFailureOfTheBatch() {
        var enricher = new FakeEnricher("a", batch -> {
            throw new IllegalStateException("bug");
        });

        EnrichmentCompleted result = runner(enricher, settings(2, Duration.ofSeconds(1)))
                .run(List.of(decision("d-1", "a"))).getFirst();

        assertThat(enricher.batches).hasSize(2);
        assertThat(result.getStatus()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(meters.get("tandem.enrichment.results").tag("status", "FAILED").counter().count()).isEqualTo(1.0);
    }
}
