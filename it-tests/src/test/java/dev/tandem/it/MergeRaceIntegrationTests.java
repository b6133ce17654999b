package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore.ApplyResult;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

/**
 * Several blender instances racing on one outcome, each on its own Redis connection, as separate
 * processes would: every result is applied once and the versions never go back.
 */
class MergeRaceIntegrationTests {

    static Outcome outcome(String id, long version, String... applied) {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        return new Outcome(id, "default", "payment-risk", "e-1", null, Priority.STANDARD,
                version == 1 ? OutcomeStatus.PROVISIONAL : OutcomeStatus.ENRICHING, version, Verdict.APPROVE, 0.1,
                new ModelInfo("m", "1"), Verdict.APPROVE, List.of(applied), Map.of(), List.of("a", "b", "c"), Map.of(),
                false, t, t, t, t.plusSeconds(5));
    }

    @Test
    void eightInstancesApplyingThreeResults_applyEachOnce_andTheVersionEndsAtFour() throws Exception {
        String id = UUID.randomUUID().toString();
        var clients = new ArrayList<RedisClient>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var stores = new ArrayList<RedisOutcomeStore>();
            for (int i = 0; i < 8; i++) {
                RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
                clients.add(client);
                stores.add(new RedisOutcomeStore(client.connect().async(), Duration.ofMinutes(5)));
            }
            stores.getFirst().create(outcome(id, 1)).toCompletableFuture().join();
            var start = new CountDownLatch(1);
            var attempts = new ArrayList<Future<List<ApplyResult>>>();
            for (RedisOutcomeStore store : stores) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    var results = new ArrayList<ApplyResult>();
                    for (String enricher : List.of("a", "b", "c")) {
                        results.add(applyWithRetry(store, id, enricher));
                    }
                    return results;
                }));
            }
            start.countDown();
            var all = new ArrayList<ApplyResult>();
            for (Future<List<ApplyResult>> attempt : attempts) {
                all.addAll(attempt.get());
            }

            assertThat(all).filteredOn(r -> r == ApplyResult.APPLIED).hasSize(3);
            assertThat(all).filteredOn(r -> r == ApplyResult.DUPLICATE).hasSize(21);
            Outcome stored = stores.getFirst().find("default", id).toCompletableFuture().join().orElseThrow();
            assertThat(stored.version()).isEqualTo(4);
            assertThat(stored.reasons()).containsExactlyInAnyOrder("a", "b", "c");
        }
        finally {
            clients.forEach(RedisClient::shutdown);
        }
    }

    /** What the blender does: read, compute the next version, compare-and-set, and on conflict again. */
    private static ApplyResult applyWithRetry(RedisOutcomeStore store, String id, String enricher) {
        while (true) {
            Outcome current = store.find("default", id).toCompletableFuture().join().orElseThrow();
            var reasons = new ArrayList<>(current.reasons());
            reasons.add(enricher);
            Outcome next = outcome(id, current.version() + 1, reasons.toArray(String[]::new));
            ApplyResult result = store.apply(next, current.version(), enricher).toCompletableFuture().join();
            if (result != ApplyResult.CONFLICT) {
                return result;
            }
        }
    }
}
