package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.InMemoryFeatureStore;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.support.flow.FlowsProperties;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

class AllSyncDeciderTests {

    static final Map<String, Object> PAYMENT = Map.of("amount", 120.5, "currency", "EUR", "merchantId", "m-1",
            "ip", "10.0.0.1");
    static final Map<String, Double> VELOCITY = Map.of("velocity_count_1m", 1.0, "velocity_sum_1m", 120.5,
            "velocity_count_1h", 1.0, "velocity_sum_1h", 120.5, "velocity_count_24h", 1.0, "velocity_sum_24h", 120.5,
            "velocity_merchants_1h", 1.0, "velocity_merchants_24h", 1.0);

    static ModelRegistry models;
    static Flows flows;

    final InMemoryFeatureStore features = new InMemoryFeatureStore();
    final InMemoryOutcomeStore outcomes = new InMemoryOutcomeStore();

    @BeforeAll
    static void flows() throws IOException {
        var sources = new YamlPropertySourceLoader().load("flows", new ClassPathResource("tandem-flows.yml"));
        FlowsProperties properties = new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("tandem", FlowsProperties.class);
        models = new ModelRegistry(null, AllSyncDeciderTests.class.getClassLoader());
        flows = Flows.of(properties.flows(), models);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void decide_runsTheRequiredEnrichersInline_scoresWithTheFullModel_andStoresTheOutcomeFinal() {
        features.put("default", "e-1", "profile", Map.of("account_age_days", 400.0, "avg_amount", 100.0));
        var velocity = new Answering("velocity", EnrichmentAnswer.Features::new, VELOCITY);
        var ipReputation = new Answering("ip-reputation", EnrichmentAnswer.Features::new, Map.of("ip_risk", 0.1));

        var result = decider(features, List.of(velocity, ipReputation)).decide("default", "payment-risk", "e-1",
                PAYMENT);

        Outcome outcome = ((AllSyncDecider.Decided) result).outcome();
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(outcome.version()).isEqualTo(1);
        assertThat(outcome.model().name()).isEqualTo("payment-risk-full");
        assertThat(outcome.enrichments()).containsOnlyKeys("velocity", "ip-reputation")
                .allSatisfy((name, r) -> assertThat(r.status()).isEqualTo(EnrichmentStatus.OK));
        assertThat(outcome.allFeatures()).containsEntry("ip_risk", 0.1).containsEntry("velocity_count_1h", 1.0)
                .containsEntry("account_age_days", 400.0).containsEntry("amount", 120.5);
        assertThat(velocity.asked.getFirst().attributes()).containsEntry("merchantId", "m-1");
        assertThat(velocity.asked.getFirst().decisionId()).isEqualTo(outcome.decisionId());
        assertThat(outcomes.find("default", outcome.decisionId()).toCompletableFuture().join()).contains(outcome);
    }

    @Test
    void decide_anEnricherThatFailsOrAnswersTooLate_isRecorded_andTheFullModelStillScores() {
        var failing = new Answering("velocity", values -> new EnrichmentAnswer.Failure("redis down", true), Map.of());
        Enricher silent = new Silent("ip-reputation");

        var result = decider(features, List.of(failing, silent)).decide("default", "payment-risk", "e-2", PAYMENT);

        Outcome outcome = ((AllSyncDecider.Decided) result).outcome();
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FINAL);
        assertThat(outcome.enrichments().get("velocity").status()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(outcome.enrichments().get("ip-reputation").status()).isEqualTo(EnrichmentStatus.TIMED_OUT);
        assertThat(outcome.reasons()).contains("enricher velocity FAILED: redis down",
                "enricher ip-reputation TIMED_OUT: no answer in time");
        assertThat(outcome.model().name()).isEqualTo("payment-risk-full");
    }

    @Test
    void decide_whenTheFeaturesMissTheirTimeout_answersFromDefaults_degraded() {
        FeatureStore stuck = new FeatureStore() {
            @Override
            public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
                return new CompletableFuture<>();
            }
        };

        var result = decider(stuck, List.of(new Answering("velocity", EnrichmentAnswer.Features::new, VELOCITY),
                new Answering("ip-reputation", EnrichmentAnswer.Features::new, Map.of("ip_risk", 0.1))))
                .decide("default", "payment-risk", "e-3", PAYMENT);

        Outcome outcome = ((AllSyncDecider.Decided) result).outcome();
        assertThat(outcome.degraded()).isTrue();
        assertThat(outcome.reasons()).anyMatch(reason -> reason.startsWith("online features unavailable (timed out)"));
    }

    @Test
    void decide_aBadRequest_namesTheFields_andWritesNothing() {
        AllSyncDecider decider = decider(features, List.of());

        var missingAmount = decider.decide("default", "payment-risk", "e-4", Map.of("currency", "EUR",
                "merchantId", "m-1"));
        var unknownFlow = decider.decide("default", "nope", "e-4", PAYMENT);

        assertThat(((AllSyncDecider.Invalid) missingAmount).violations()).extracting(AttributeViolation::field)
                .containsExactly("attributes.amount");
        assertThat(((AllSyncDecider.Invalid) unknownFlow).violations()).extracting(AttributeViolation::field)
                .containsExactly("flow");
    }

    private AllSyncDecider decider(FeatureStore store, List<Enricher> enrichers) {
        return new AllSyncDecider(flows, store, enrichers, outcomes, new AllSyncDecider.Limits(Duration.ofMillis(50),
                Duration.ofSeconds(1), Map.of("velocity", Duration.ofMillis(100), "ip-reputation",
                        Duration.ofMillis(100))), Clock.systemUTC());
    }

    /** Answers every request at once, and remembers what it was asked. */
    static final class Answering implements Enricher {

        final List<EnrichmentRequest> asked = new CopyOnWriteArrayList<>();
        private final String name;
        private final Function<Map<String, Double>, EnrichmentAnswer> answer;
        private final Map<String, Double> values;

        Answering(String name, Function<Map<String, Double>, EnrichmentAnswer> answer,
                Map<String, Double> values) {
            this.name = name;
            this.answer = answer;
            this.values = values;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
            asked.addAll(batch);
            return CompletableFuture.completedFuture(batch.stream().map(request -> answer.apply(values)).toList());
        }
    }

    /** Never answers. */
    record Silent(String name) implements Enricher {

        @Override
        public String version() {
            return "1";
        }

        @Override
        public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
            return new CompletableFuture<>();
        }
    }
}
