package dev.tandem.workers.deeprisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.tandem.core.model.ModelRegistry;
import dev.tandem.schemas.event.Priority;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The enricher on the committed payment-risk-deep artefact, scored by ONNX Runtime. */
class DeepRiskEnricherTests {

    static final String MODEL = "payment-risk-deep";
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final Executor DIRECT = Runnable::run;

    static ModelRegistry models;

    @BeforeAll
    static void activate() {
        models = new ModelRegistry(null, DeepRiskEnricherTests.class.getClassLoader());
        models.activate(MODEL, "1", model -> { });
    }

    @AfterAll
    static void close() {
        models.close();
    }

    static DeepRiskEnricher enricher(Executor scoring) {
        return new DeepRiskEnricher(models, MODEL, Set.of("amount"), scoring);
    }

    static EnrichmentRequest request(String id, Map<String, @Nullable Object> attributes, Map<String, Double> features) {
        return new EnrichmentRequest(id, "default", "payment-risk", "e-1", Priority.STANDARD, attributes, features, T0,
                T0.plusSeconds(5));
    }

    /** A decision as decision-api publishes it: the attributes, and the sync features with the numeric ones. */
    static EnrichmentRequest payment(String id, Random random) {
        double usual = random.nextDouble(10, 200);
        double amount = Math.round(usual * random.nextDouble(0.3, 4) * 100) / 100.0;
        var features = new HashMap<String, Double>(Map.of("amount", amount,
                "account_age_days", (double) random.nextInt(1, 2_000), "avg_amount", usual,
                "chargebacks_90d", random.nextInt(10) == 0 ? 1.0 : 0.0, "txn_count_30d", (double) random.nextInt(0, 60),
                "merchant_risk", random.nextDouble(0, 0.6)));
        return request(id, Map.of("amount", amount, "currency", "EUR", "merchantId", "m-" + random.nextInt(40)),
                features);
    }

    static List<EnrichmentRequest> payments(int count) {
        var random = new Random(7);
        var batch = new ArrayList<EnrichmentRequest>();
        for (int i = 0; i < count; i++) {
            batch.add(payment("d-" + i, random));
        }
        return batch;
    }

    static double score(EnrichmentAnswer answer) {
        assertThat(answer).isInstanceOf(EnrichmentAnswer.Features.class);
        Map<String, Double> values = ((EnrichmentAnswer.Features) answer).values();
        assertThat(values).containsOnlyKeys(DeepRiskEnricher.SCORE);
        return values.get(DeepRiskEnricher.SCORE);
    }

    static List<EnrichmentAnswer> enrich(DeepRiskEnricher enricher, List<EnrichmentRequest> batch) {
        return enricher.enrich(batch).toCompletableFuture().join();
    }

    @Test
    void enrich_batchOfN_givesNAnswersInOrder_eachTheScoreOfItsRowScoredAlone() {
        List<EnrichmentRequest> batch = payments(100);

        List<EnrichmentAnswer> answers = enrich(enricher(DIRECT), batch);

        assertThat(answers).hasSize(100);
        for (int i = 0; i < batch.size(); i++) {
            double alone = models.predict(MODEL, batch.get(i).features()).score();
            assertThat(score(answers.get(i))).as("decision %d", i).isCloseTo(alone, within(1e-6)).isBetween(0.0, 1.0);
        }
        // scores that differ from row to row, so a batch answered out of order would show
        assertThat(answers.stream().map(DeepRiskEnricherTests::score).distinct().count()).isGreaterThan(95);
    }

    @Test
    void enrich_requestWithoutAmount_failsPermanentlyNamingTheInput_andTheOthersAreStillScored() {
        List<EnrichmentRequest> batch = new ArrayList<>(payments(3));
        var features = new HashMap<>(batch.get(1).features());
        features.remove("amount");
        batch.set(1, request("d-1", Map.of("currency", "EUR"), features));

        List<EnrichmentAnswer> answers = enrich(enricher(DIRECT), batch);

        assertThat(answers.get(1)).isEqualTo(new EnrichmentAnswer.Failure(
                "decision d-1 has no finite numeric input amount, which payment-risk-deep needs", false));
        assertThat(score(answers.get(0))).isCloseTo(models.predict(MODEL, batch.get(0).features()).score(),
                within(1e-6));
        assertThat(score(answers.get(2))).isCloseTo(models.predict(MODEL, batch.get(2).features()).score(),
                within(1e-6));
    }

    @Test
    void enrich_inputWhoseAttributeIsNotANumber_failsPermanentlyNamingIt() {
        var attributes = new LinkedHashMap<String, @Nullable Object>(Map.of("amount", "ten", "currency", "EUR"));

        List<EnrichmentAnswer> answers = enrich(enricher(DIRECT), List.of(request("d-9", attributes, Map.of())));

        assertThat(answers).containsExactly(new EnrichmentAnswer.Failure(
                "decision d-9: input amount is not a number (String)", false));
    }

    @Test
    void enrich_amountOnlyAsAnAttribute_andNoOnlineFeatures_isScoredWithTheCardsDefaults() {
        EnrichmentRequest request = request("d-new", Map.of("amount", 120.0, "currency", "EUR"), Map.of());

        double score = score(enrich(enricher(DIRECT), List.of(request)).getFirst());

        assertThat(score).isCloseTo(models.predict(MODEL, Map.of("amount", 120.0)).score(), within(1e-6));
        assertThat(models.predict(MODEL, Map.of("amount", 120.0)).reasons()).isNotEmpty();
    }

    @Test
    void enrich_scoresOnTheScoringExecutor_theCallerOnlyGetsAStage() {
        var queued = new ArrayDeque<Runnable>();
        List<EnrichmentRequest> batch = payments(4);

        CompletableFuture<List<EnrichmentAnswer>> stage = enricher(queued::add).enrich(batch).toCompletableFuture();

        assertThat(stage).isNotDone();
        assertThat(queued).as("one task: the whole batch in one runtime call").hasSize(1);
        queued.poll().run();
        assertThat(stage).isCompleted();
        assertThat(stage.join()).hasSize(4).allSatisfy(answer -> assertThat(score(answer)).isBetween(0.0, 1.0));
    }

    @Test
    void enrich_scoringExecutorFull_givesEveryScorableRequestARetryableFailure() {
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        List<EnrichmentRequest> batch = new ArrayList<>(payments(2));
        batch.add(request("d-bad", Map.of(), Map.of()));

        List<EnrichmentAnswer> answers = enrich(enricher(full), batch);

        assertThat(answers).hasSize(3);
        assertThat(answers.subList(0, 2)).allSatisfy(answer -> assertThat(answer)
                .isEqualTo(new EnrichmentAnswer.Failure("deep-risk scoring is saturated (queue full)", true)));
        assertThat(answers.get(2)).isInstanceOf(EnrichmentAnswer.Failure.class)
                .extracting(a -> ((EnrichmentAnswer.Failure) a).retryable()).isEqualTo(false);
    }

    @Test
    void enrich_batchWithNothingToScore_answersAtOnceWithoutTheExecutor() {
        Executor never = task -> {
            throw new AssertionError("nothing should be scored");
        };

        List<EnrichmentAnswer> answers = enrich(enricher(never), List.of(request("d-1", Map.of(), Map.of())));

        assertThat(answers).singleElement().isInstanceOf(EnrichmentAnswer.Failure.class);
    }

    @Test
    void version_namesTheActiveModelAndItsVersion() {
        assertThat(enricher(DIRECT).version()).isEqualTo("payment-risk-deep/1");
        assertThat(enricher(DIRECT).name()).isEqualTo("deep-risk");
    }
}
