package dev.tandem.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.OutcomeStore.ApplyResult;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

/** The fake's semantics, which the Redis store's integration tests check against the real server. */
class InMemoryOutcomeStoreTests {

    static Outcome outcome(String id, long version) {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        return new Outcome(id, "default", "flow", "e-1", null, Priority.STANDARD, OutcomeStatus.PROVISIONAL, version,
                Verdict.APPROVE, 0.1, new ModelInfo("m", "1"), Verdict.APPROVE, List.of(), Map.of("amount", 1.0),
                List.of("velocity"), Map.of(), false, t, t, t, t.plusSeconds(5));
    }

    private final InMemoryOutcomeStore store = new InMemoryOutcomeStore();

    @Test
    void create_twice_keepsTheFirst() {
        assertThat(store.create(outcome("d", 1)).toCompletableFuture().join()).isInstanceOf(OutcomeStore.Created.class);
        var second = store.create(outcome("d", 1)).toCompletableFuture().join();

        assertThat(second).isInstanceOf(OutcomeStore.Existing.class);
    }

    @Test
    void apply_sameEnricherTwice_appliesOnce() {
        store.create(outcome("d", 1));

        assertThat(store.apply(outcome("d", 2), 1, "velocity").toCompletableFuture().join()).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.apply(outcome("d", 3), 2, "velocity").toCompletableFuture().join()).isEqualTo(ApplyResult.DUPLICATE);
        assertThat(store.apply(outcome("d", 2), 1, "other").toCompletableFuture().join()).isEqualTo(ApplyResult.CONFLICT);
        assertThat(store.apply(outcome("x", 2), 1, "other").toCompletableFuture().join()).isEqualTo(ApplyResult.MISSING);
        assertThat(store.find("default", "d").toCompletableFuture().join()).get().extracting(Outcome::version).isEqualTo(2L);
    }

    @Test
    void update_isACompareAndSetOnTheVersion() {
        store.create(outcome("d", 1));

        assertThat(store.update(outcome("d", 2), 1).toCompletableFuture().join()).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.update(outcome("d", 2), 1).toCompletableFuture().join()).isEqualTo(ApplyResult.CONFLICT);
        assertThat(store.update(outcome("x", 2), 1).toCompletableFuture().join()).isEqualTo(ApplyResult.MISSING);
    }
}
