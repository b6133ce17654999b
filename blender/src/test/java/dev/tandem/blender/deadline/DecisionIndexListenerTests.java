package dev.tandem.blender.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DecisionIndexListenerTests {

    static final Instant T0 = DeadlineSweeperTests.T0;

    private final InMemoryOutcomeStore outcomes = new InMemoryOutcomeStore(Clock.fixed(T0, ZoneOffset.UTC));
    private final InMemoryDeadlineIndex index = new InMemoryDeadlineIndex();

    private DecisionIndexListener listener(DeadlineIndex index) {
        return new DecisionIndexListener(outcomes, index, Duration.ofDays(7), Duration.ofSeconds(1),
                Clock.fixed(T0.plusMillis(10), ZoneOffset.UTC));
    }

    static ConsumerRecord<String, DecisionMade> decision(String id) {
        var event = DecisionMade.newBuilder().setDecisionId(id).setTenant("default").setFlow("payments")
                .setEntityId("e-1").setRequestId(null).setPriority(Priority.STANDARD).setAttributes(Map.of("amount", 1.0))
                .setFeatures(Map.of("amount", 1.0)).setVerdict(Verdict.APPROVE).setScore(0.05)
                .setModel(new ModelRef("fast", "1")).setRequiredEnrichers(List.of("velocity")).setReasons(List.of())
                .setEventTime(T0).setDecidedAt(T0).setDeadline(T0.plusSeconds(5)).build();
        return new ConsumerRecord<>(Topics.DECISIONS, 0, 0, id, event);
    }

    /** What a merge stores when the velocity result makes the outcome final. */
    private void finalise(String id) {
        end(id, OutcomeStatus.FINAL);
    }

    /** The outcome ended with {@code status} by a merge or the sweeper. */
    private void end(String id, OutcomeStatus status) {
        Outcome o = DecisionIndexListener.provisional(decision(id).value());
        var result = new EnrichmentResult("velocity", "1", EnrichmentStatus.OK, null, Map.of(), T0);
        outcomes.apply(new Outcome(o.decisionId(), o.tenant(), o.flow(), o.entityId(), o.requestId(), o.priority(),
                status, 2, o.verdict(), o.score(), o.model(), o.provisionalVerdict(), o.reasons(),
                o.features(), o.requiredEnrichers(), Map.of("velocity", result), false, o.eventTime(), o.createdAt(),
                T0.plusMillis(5), o.deadline()), 1, "velocity");
    }

    @Test
    void onDecision_waitingOutcome_isStoredAndItsDeadlineIndexed() {
        listener(index).onDecision(decision("d-1"));

        assertThat(outcomes.find("default", "d-1").toCompletableFuture().join()).isPresent();
        assertThat(index.deadlines).containsExactly(Map.entry(new DeadlineIndex.Due("default", "d-1"), T0.plusSeconds(5)));
    }

    @Test
    void onDecision_outcomeFinalAlready_isNotIndexed() {
        outcomes.create(DecisionIndexListener.provisional(decision("d-1").value()));
        finalise("d-1");

        listener(index).onDecision(decision("d-1"));

        assertThat(index.deadlines).isEmpty();
    }

    @Test
    void onDecision_timedOutAlready_keepsItsDeadlineForTheSweeperToAnnounceAgain() {
        outcomes.create(DecisionIndexListener.provisional(decision("d-1").value()));
        end("d-1", OutcomeStatus.TIMED_OUT);

        listener(index).onDecision(decision("d-1"));

        assertThat(index.deadlines).containsOnlyKeys(new DeadlineIndex.Due("default", "d-1"));
    }

    @Test
    void onDecision_missingOutcome_isCreatedBeforeItsDeadlineIsIndexed() {
        var outcomeAtIndexing = new AtomicBoolean();
        var checking = new ForwardingIndex() {
            @Override
            public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
                // a sweeper that finds the entry must find the outcome: it drops entries without one
                outcomeAtIndexing.set(outcomes.find(tenant, decisionId).toCompletableFuture().join().isPresent());
                return index.add(tenant, decisionId, deadline);
            }
        };

        listener(checking).onDecision(decision("d-1"));

        assertThat(outcomeAtIndexing).isTrue();
        assertThat(index.deadlines).containsOnlyKeys(new DeadlineIndex.Due("default", "d-1"));
    }

    @Test
    void onDecision_mergeFinalisesRightAfterTheIndexing_theDeadlineIsForgottenAllTheSame() {
        // the worst case for the listener: the merge's own removal ran before the entry existed, so it forgot nothing
        var racing = new ForwardingIndex() {
            @Override
            public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
                CompletionStage<?> added = index.add(tenant, decisionId, deadline);
                outcomes.create(DecisionIndexListener.provisional(decision(decisionId).value()));
                finalise(decisionId);
                return added;
            }
        };

        listener(racing).onDecision(decision("d-1"));

        assertThat(outcomes.find("default", "d-1").toCompletableFuture().join().orElseThrow().status())
                .isEqualTo(OutcomeStatus.FINAL);
        assertThat(index.deadlines).isEmpty();
    }

    @Test
    void onDecision_createsBeforeItWaitsForTheIndex_bothInOneRoundTrip() {
        var sentBeforeTheWait = new AtomicBoolean();
        var slow = new ForwardingIndex() {
            @Override
            public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
                index.add(tenant, decisionId, deadline);
                return new CompletableFuture<Void>() {
                    @Override
                    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                            TimeoutException {
                        // the listener waits for the index only now: was the create sent already?
                        sentBeforeTheWait.set(outcomes.find(tenant, decisionId).toCompletableFuture().join().isPresent());
                        complete(null);
                        return super.get(timeout, unit);
                    }
                };
            }
        };

        listener(slow).onDecision(decision("d-1"));

        assertThat(sentBeforeTheWait).isTrue();
        assertThat(index.deadlines).containsOnlyKeys(new DeadlineIndex.Due("default", "d-1"));
    }

    @Test
    void onDecision_createReachesRedisAfterTheIndexAndASweeperDropsTheEntry_theDeadlineIsIndexedAgain() {
        // after a Redis restart the create script's EVALSHA fails and its EVAL is sent after the ZADD and the read
        var lateCreates = new LateCreates(outcomes);
        var sweeping = new ForwardingIndex() {
            @Override
            public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
                CompletionStage<?> added = index.add(tenant, decisionId, deadline);
                if (outcomes.find(tenant, decisionId).toCompletableFuture().join().isEmpty()) {
                    index.remove(new DeadlineIndex.Due(tenant, decisionId)); // a sweeper pass: no outcome, no entry
                }
                return added;
            }
        };

        new DecisionIndexListener(lateCreates, sweeping, Duration.ofDays(7), Duration.ofSeconds(1),
                Clock.fixed(T0.plusMillis(10), ZoneOffset.UTC)).onDecision(decision("d-1"));

        assertThat(outcomes.find("default", "d-1").toCompletableFuture().join()).isPresent();
        assertThat(index.deadlines).containsOnlyKeys(new DeadlineIndex.Due("default", "d-1"));
    }

    @Test
    void onDecision_outcomeStoredByDecisionApi_costsNoSecondRoundTrip() {
        outcomes.create(DecisionIndexListener.provisional(decision("d-1").value()));
        var adds = new AtomicInteger();
        var counting = new ForwardingIndex() {
            @Override
            public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
                adds.incrementAndGet();
                return index.add(tenant, decisionId, deadline);
            }
        };

        listener(counting).onDecision(decision("d-1"));

        assertThat(adds).hasValue(1);
    }

    /**
     * The in-memory store whose creates take effect only when awaited, as a create whose script Redis did not know
     * reaches it after the commands sent behind it.
     */
    private static final class LateCreates implements OutcomeStore {

        private final OutcomeStore store;

        LateCreates(OutcomeStore store) {
            this.store = store;
        }

        @Override
        public CompletionStage<CreateResult> create(Outcome outcome) {
            return new CompletableFuture<>() {
                @Override
                public CreateResult get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                        TimeoutException {
                    complete(store.create(outcome).toCompletableFuture().join());
                    return super.get(timeout, unit);
                }
            };
        }

        @Override
        public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
            return store.create(outcome, announcement);
        }

        @Override
        public CompletionStage<Void> published(String tenant, String decisionId) {
            return store.published(tenant, decisionId);
        }

        @Override
        public CompletionStage<List<OutboxEntry>> unpublished(Instant before, int limit) {
            return store.unpublished(before, limit);
        }

        @Override
        public CompletionStage<Optional<Outcome>> find(String tenant, String decisionId) {
            return store.find(tenant, decisionId);
        }

        @Override
        public CompletionStage<ApplyResult> apply(Outcome next, long expectedVersion, String enricher) {
            return store.apply(next, expectedVersion, enricher);
        }

        @Override
        public CompletionStage<ApplyResult> update(Outcome next, long expectedVersion) {
            return store.update(next, expectedVersion);
        }
    }

    /** The in-memory index, for a test to override one step of. */
    private class ForwardingIndex implements DeadlineIndex {

        @Override
        public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
            return index.add(tenant, decisionId, deadline);
        }

        @Override
        public List<Due> due(Instant now, int limit) {
            return index.due(now, limit);
        }

        @Override
        public void remove(Due due) {
            index.remove(due);
        }
    }
}
