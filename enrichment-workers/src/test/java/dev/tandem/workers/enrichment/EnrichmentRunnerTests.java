package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

class EnrichmentRunnerTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    static DecisionMade decision(String... required) {
        return DecisionMade.newBuilder().setDecisionId("d-1").setTenant("default").setFlow("payments").setEntityId("e-1")
                .setRequestId(null).setPriority(Priority.STANDARD).setAttributes(Map.of("amount", 10.0))
                .setFeatures(Map.of()).setVerdict(Verdict.APPROVE).setScore(0.1).setModel(new ModelRef("m", "1"))
                .setRequiredEnrichers(List.of(required)).setEventTime(T0).setDecidedAt(T0).setDeadline(T0.plusSeconds(5))
                .build();
    }

    static Enricher enricher(String name, Function<DecisionMade, CompletionStage<Map<String, Double>>> body) {
        return new Enricher() {
            public String name() {
                return name;
            }

            public String version() {
                return "7";
            }

            public CompletionStage<Map<String, Double>> enrich(DecisionMade decision) {
                return body.apply(decision);
            }
        };
    }

    private static EnrichmentRunner runner(Enricher... enrichers) {
        return new EnrichmentRunner(List.of(enrichers), Duration.ofMillis(100), Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC));
    }

    @Test
    void run_requiredEnricher_publishesItsFeaturesWithNameVersionAndTimes() {
        var results = runner(enricher("a", d -> CompletableFuture.completedFuture(Map.of("x", 3.0)))).run(decision("a"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(EnrichmentStatus.OK);
            assertThat(r.getFeatures()).containsEntry("x", 3.0);
            assertThat(r.getEnricher()).isEqualTo("a");
            assertThat(r.getEnricherVersion()).isEqualTo("7");
            assertThat(r.getEventTime()).isEqualTo(T0);
            assertThat(r.getComputedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(r.getReason()).isNull();
        });
    }

    @Test
    void run_enricherNotRequired_isSkipped() {
        var results = runner(enricher("a", d -> CompletableFuture.completedFuture(Map.of()))).run(decision("b"));

        assertThat(results).isEmpty();
    }

    @Test
    void run_failingEnricher_becomesAFailedResultWithTheReason() {
        var results = runner(enricher("a", d -> CompletableFuture.failedFuture(new IllegalStateException("provider down"))))
                .run(decision("a"));

        assertThat(results).extracting(EnrichmentCompleted::getStatus).containsExactly(EnrichmentStatus.FAILED);
        assertThat(results.getFirst().getReason()).contains("provider down");
        assertThat(results.getFirst().getFeatures()).isEmpty();
    }

    @Test
    void run_enricherThatThrowsOrReturnsNull_becomesAFailedResult() {
        var throwing = enricher("a", d -> {
            throw new IllegalStateException("bug");
        });
        var returningNull = enricher("b", d -> null);

        var results = runner(throwing, returningNull).run(decision("a", "b"));

        assertThat(results).extracting(EnrichmentCompleted::getStatus)
                .containsExactly(EnrichmentStatus.FAILED, EnrichmentStatus.FAILED);
        assertThat(results).extracting(EnrichmentCompleted::getReason)
                .containsExactly("a failed: java.lang.IllegalStateException: bug",
                        "b failed: java.lang.IllegalStateException: enrich returned null");
    }

    @Test
    void run_enricherMissingItsTimeout_becomesATimedOutResult() {
        var results = runner(enricher("a", d -> new CompletableFuture<>())).run(decision("a"));

        assertThat(results).extracting(EnrichmentCompleted::getStatus).containsExactly(EnrichmentStatus.TIMED_OUT);
        assertThat(results.getFirst().getReason()).isEqualTo("a did not answer within PT0.1S");
    }
}
