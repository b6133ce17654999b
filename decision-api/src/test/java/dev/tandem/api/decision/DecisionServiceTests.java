package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.InMemoryFeatureStore;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

class DecisionServiceTests {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final InMemoryFeatureStore features = new InMemoryFeatureStore();
    private final InMemoryOutcomeStore outcomes = new InMemoryOutcomeStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TestDecisions.RecordingPublisher publisher = new TestDecisions.RecordingPublisher();

    private final List<String> ages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> loggedOnly = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private DecisionService service(FeatureStore featureStore) {
        return service(featureStore, outcomes);
    }

    private DecisionService service(FeatureStore featureStore, OutcomeStore outcomeStore) {
        return new DecisionService(TestDecisions.flows(), featureStore, outcomeStore, publisher,
                new DecisionService.Limits(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(20),
                        Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofSeconds(5)),
                new DecisionService.DecisionMetrics() {
                            @Override
                            public void featureAge(String flow, String group, Duration age) {
                                ages.add(group + "=" + age);
                            }

                            @Override
                            public void loggedOnly(String flow) {
                                loggedOnly.add(flow);
                            }
                        }, clock);
    }

    /** A feature store that never answers. */
    static FeatureStore stalled() {
        return new FeatureStore() {
            public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
                return new CompletableFuture<>();
            }

            public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
                return new CompletableFuture<>();
            }

            public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
                return new CompletableFuture<>();
            }
        };
    }

    static DecisionRequest request(String requestId, double amount) {
        return new DecisionRequest("payment-risk", "e-1", Map.of("amount", amount, "currency", "EUR", "merchantId", "m-1"),
                requestId, null, null);
    }

    @Test
    void decide_knownEntity_scoresItsFeaturesStoresV1AndPublishes() {
        features.put("default", "e-1", "profile", Map.of("chargebacks_90d", 2.0));
        features.put("default", "merchant:m-1", "merchant", Map.of("merchant_risk", 0.25));

        var result = service(features).decide("default", request(null, 100));

        var outcome = result.outcome();
        assertThat(result).isInstanceOf(OutcomeStore.Created.class);
        assertThat(outcome.score()).isEqualTo(1 / (1 + Math.exp(-(-4 + 1 + 2.4 + 0.5))));
        assertThat(outcome.features()).containsEntry("merchant_risk", 0.25).containsEntry("amount", 100.0);
        assertThat(outcome.verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.version()).isEqualTo(1);
        assertThat(outcome.priority()).isEqualTo(Priority.STANDARD);
        assertThat(outcome.deadline()).isEqualTo(NOW.plusSeconds(5));
        assertThat(outcome.degraded()).isFalse();
        assertThat(outcome.reasons()).isEmpty();
        assertThat(outcomes.find("default", outcome.decisionId()).toCompletableFuture().join()).contains(outcome);
        assertThat(publisher.published).containsExactly(outcome);
    }

    @Test
    void decide_unknownEntity_decidesFromDefaultsAndSaysSo() {
        var outcome = service(features).decide("default", request(null, 600)).outcome();

        assertThat(outcome.verdict()).isEqualTo(Verdict.DECLINE);
        assertThat(outcome.reasons()).contains("entity unknown to the online store; defaults used",
                "merchant:m-1 unknown to the online store; defaults used",
                "feature chargebacks_90d unavailable; default 0.0 used");
        assertThat(outcome.degraded()).isFalse();
    }

    @Test
    void decide_featureGroupOlderThanTheFlowAllows_usesItButSaysItIsStale_andRecordsItsAge() {
        features.write("default", "e-1", new FeatureGroupWrite("profile", NOW.minus(Duration.ofHours(40)),
                NOW.plus(Duration.ofDays(10)), Map.of("chargebacks_90d", 2.0)));
        features.write("default", "merchant:m-1", new FeatureGroupWrite("merchant", NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(10)), Map.of("merchant_risk", 0.25)));

        var outcome = service(features).decide("default", request(null, 100)).outcome();

        assertThat(outcome.features()).containsEntry("chargebacks_90d", 2.0);
        assertThat(outcome.reasons()).containsExactly("feature group profile is stale: 40h old, budget 36h");
        assertThat(outcome.degraded()).isFalse();
        assertThat(ages).containsExactlyInAnyOrder("profile=PT40H", "merchant=PT1H");
    }

    @Test
    void decide_expiredFeatureGroup_isNotUsed_andSaidMissing() {
        features.write("default", "e-1", new FeatureGroupWrite("profile", NOW.minus(Duration.ofDays(3)),
                NOW.minus(Duration.ofHours(1)), Map.of("chargebacks_90d", 2.0)));
        features.write("default", "e-1", new FeatureGroupWrite("velocity", NOW.minusSeconds(5),
                NOW.plus(Duration.ofHours(24)), Map.of("velocity_count_1m", 1.0)));
        features.write("default", "merchant:m-1", new FeatureGroupWrite("merchant", NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(10)), Map.of("merchant_risk", 0.25)));

        var outcome = service(features).decide("default", request(null, 100)).outcome();

        assertThat(outcome.features()).doesNotContainKey("chargebacks_90d").containsEntry("velocity_count_1m", 1.0);
        assertThat(outcome.reasons()).contains("feature group profile missing or expired; defaults used",
                "feature chargebacks_90d unavailable; default 0.0 used");
        assertThat(ages).containsExactlyInAnyOrder("velocity=PT5S", "merchant=PT1H");
    }

    @Test
    void decide_featureStoreNeverAnswers_answersDegradedWithinItsTimeout() {
        var outcome = service(stalled()).decide("default", request(null, 100)).outcome();

        assertThat(outcome.degraded()).isTrue();
        assertThat(outcome.reasons()).contains("online features unavailable (timed out); defaults used");
    }

    @Test
    void decide_requestTimeoutShorterThanTheFeatureTimeout_cutsTheWait_andSaysSo() {
        var outcome = service(stalled()).decide("default", request(null, 100), Duration.ofMillis(30),
                System.nanoTime()).outcome();

        // waited 30 ms less the store's reserve of 20 ms, not the feature timeout's 50 ms
        assertThat(outcome.degraded()).isTrue();
        assertThat(outcome.reasons())
                .contains("online features not read within the request's timeout of 30ms; defaults used");
    }

    @Test
    void decide_timeoutNoLongerThanTheStoresReserve_doesNotWaitForFeaturesAtAll_butStillStores() {
        var result = service(stalled()).decide("default", request(null, 100), Duration.ofMillis(20),
                System.nanoTime());

        assertThat(result).isInstanceOf(OutcomeStore.Created.class);
        assertThat(result.outcome().degraded()).isTrue();
        assertThat(result.outcome().reasons())
                .contains("online features not read within the request's timeout of 20ms; defaults used");
    }

    @Test
    void decide_askingForMoreThanTheFlowAllows_getsTheFlows() {
        var outcome = service(stalled()).decide("default", request(null, 100), Duration.ofMinutes(5),
                System.nanoTime()).outcome();

        // the flow's 250 ms leave the feature timeout (50 ms) untouched: the usual reason
        assertThat(outcome.reasons()).contains("online features unavailable (timed out); defaults used");
    }

    @Test
    void decide_theAnnouncementStaysInTheOutboxUntilTheLogHasIt() {
        publisher.down = true;
        var kept = service(features).decide("default", request(null, 100)).outcome();
        publisher.down = false;
        var published = service(features).decide("default", request(null, 100)).outcome();

        assertThat(outcomes.unpublished(NOW.plus(Duration.ofDays(1)), 10).toCompletableFuture().join())
                .extracting(OutboxEntry::decisionId).containsExactly(kept.decisionId());
        assertThat(publisher.published).containsExactly(published);
    }

    @Test
    void decide_outcomeStoreDown_isStillAcknowledged_throughTheDecisionLog() {
        var result = service(features, failingStore()).decide("default", request(null, 100));

        assertThat(result).isInstanceOf(OutcomeStore.Created.class);
        // the logged event is the very decision answered (and the one a slow store may still write)
        assertThat(publisher.published).containsExactly(result.outcome());
        assertThat(loggedOnly).containsExactly("payment-risk");
    }

    @Test
    void decide_outcomeStoreTooSlow_butWritingAfterAll_leavesOneDecision_everywhereTheSame() {
        var late = new CompletableFuture<OutcomeStore.CreateResult>();
        OutcomeStore slow = new DelegatingStore(outcomes) {
            @Override
            public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
                return late.thenCompose(ignored -> outcomes.create(outcome, announcement));
            }
        };

        var answered = service(features, slow).decide("default", request(null, 100)).outcome();
        late.complete(null); // the store writes after the answer

        Outcome stored = outcomes.find("default", answered.decisionId()).toCompletableFuture().join().orElseThrow();
        assertThat(stored).isEqualTo(answered);
        assertThat(publisher.published).containsExactly(answered);
        List<OutboxEntry> kept = outcomes.unpublished(NOW.plus(Duration.ofDays(1)), 10).toCompletableFuture().join();
        assertThat(kept).hasSize(1);
        assertThat(publisher.announced.get(kept.getFirst().event())).isEqualTo(answered);
    }

    @Test
    void decide_outcomeStoreAndBrokerDown_isStoreUnavailable_andNothingIsAcknowledged() {
        publisher.down = true;

        assertThatExceptionOfType(DecisionExceptions.StoreUnavailable.class)
                .isThrownBy(() -> service(features, failingStore()).decide("default", request(null, 100)));
        assertThat(loggedOnly).isEmpty();
    }

    /** An outcome store whose writes fail, as a Redis that is down. */
    OutcomeStore failingStore() {
        return new DelegatingStore(outcomes) {
            @Override
            public CompletionStage<CreateResult> create(Outcome outcome) {
                return CompletableFuture.failedFuture(new IllegalStateException("redis is down"));
            }

            @Override
            public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
                return create(outcome);
            }
        };
    }

    /** An outcome store that does what another does; tests override what should differ. */
    static class DelegatingStore implements OutcomeStore {
        private final OutcomeStore store;

        DelegatingStore(OutcomeStore store) {
            this.store = store;
        }

        public CompletionStage<CreateResult> create(Outcome outcome) {
            return store.create(outcome);
        }

        public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
            return store.create(outcome, announcement);
        }

        public CompletionStage<Void> published(String tenant, String decisionId) {
            return store.published(tenant, decisionId);
        }

        public CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit) {
            return store.unpublished(before, limit);
        }

        public CompletionStage<java.util.Optional<Outcome>> find(String tenant, String decisionId) {
            return store.find(tenant, decisionId);
        }

        public CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher) {
            return store.apply(next, expectedVersion, enricher);
        }

        public CompletionStage<ApplyResult> update(Outcome next, long expectedVersion) {
            return store.update(next, expectedVersion);
        }
    }

    @Test
    void decide_sameRequestIdTwice_returnsTheFirstDecisionAndPublishesOnce() {
        var first = service(features).decide("default", request("r-1", 100));
        var second = service(features).decide("default", request("r-1", 999));

        assertThat(second).isInstanceOf(OutcomeStore.Existing.class);
        assertThat(second.outcome()).isEqualTo(first.outcome());
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void decide_sameRequestIdLongAfterAndStillProvisional_publishesAgain() {
        var first = service(features).decide("default", request("r-2", 100));
        clock = Clock.fixed(NOW.plusSeconds(6), ZoneOffset.UTC);

        var again = service(features).decide("default", request("r-2", 100));

        assertThat(again.outcome()).isEqualTo(first.outcome());
        assertThat(publisher.published).containsExactly(first.outcome(), first.outcome());
    }

    @Test
    void decisionId_sameRequestIdInAnotherFlowOrTenant_differs() {
        String id = DecisionService.decisionId("t", "f", "r");

        assertThat(DecisionService.decisionId("t", "f", "r")).isEqualTo(id);
        assertThat(DecisionService.decisionId("t", "g", "r")).isNotEqualTo(id);
        assertThat(DecisionService.decisionId("u", "f", "r")).isNotEqualTo(id);
    }

    @Test
    void decide_invalidRequest_writesAndPublishesNothing() {
        var bad = new DecisionRequest("payment-risk", " ", Map.of("amount", -1), null, null, null);

        assertThatExceptionOfType(DecisionExceptions.InvalidRequest.class)
                .isThrownBy(() -> service(features).decide("default", bad))
                .satisfies(ex -> assertThat(ex.violations).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("entityId", "attributes.amount", "attributes.currency", "attributes.merchantId"));
        assertThat(publisher.published).isEmpty();
    }
}
