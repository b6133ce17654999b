package dev.tandem.api.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tandem.core.testing.ManualClock;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

class OutcomeWatchersTests {

    private final ManualClock clock = new ManualClock(Instant.EPOCH);
    private final OutcomeWatchers watchers = new OutcomeWatchers(3, clock);

    static OutcomeChange change(String tenant, String decisionId, String flow, long version) {
        return change(tenant, decisionId, flow, version, Instant.EPOCH);
    }

    static OutcomeChange change(String tenant, String decisionId, String flow, long version, Instant updatedAt) {
        return new OutcomeChange(decisionId, tenant, flow, "e-1", OutcomeStatus.ENRICHING, version, Verdict.APPROVE,
                Verdict.APPROVE, 0.1, List.of("velocity"), List.of(), updatedAt);
    }

    @Test
    void aChangeReachesTheWatchersOfItsDecisionAndOfItsFlow_inItsTenantOnly() {
        var seen = new ArrayList<String>();
        watchers.decision("t1", "d-1", c -> seen.add("decision v" + c.version()));
        watchers.flow("t1", "payment-risk", c -> seen.add("flow " + c.decisionId()));
        watchers.decision("t2", "d-1", c -> seen.add("other tenant"));

        watchers.changed(change("t1", "d-1", "payment-risk", 2));
        watchers.changed(change("t1", "d-2", "payment-risk", 3));
        watchers.changed(change("t1", "d-3", "credit", 2));

        assertThat(seen).containsExactly("decision v2", "flow d-1", "flow d-2");
    }

    @Test
    void theFeedDecodesOnlyWatchedDecisions_orEverythingWhileAFlowIsWatched() {
        assertThat(watchers.wants("d-1")).isFalse();
        try (var watching = watchers.decision("t1", "d-1", c -> { })) {
            assertThat(watchers.wants("d-1")).isTrue();
            assertThat(watchers.wants("d-2")).isFalse();
        }
        assertThat(watchers.wants("d-1")).isFalse();
        try (var watching = watchers.flow("t1", "payment-risk", c -> { })) {
            assertThat(watchers.wants("d-2")).isTrue();
        }
        assertThat(watchers.wants("d-2")).isFalse();
    }

    @Test
    void atMostMaxWatchersAtOnce_andAClosedWatchFreesItsPlace_once() {
        var first = watchers.decision("t1", "d-1", c -> { });
        watchers.decision("t1", "d-1", c -> { });
        watchers.flow("t1", "f", c -> { });

        assertThatThrownBy(() -> watchers.decision("t1", "d-2", c -> { }))
                .isInstanceOf(OutcomeWatchers.TooManyWatchers.class).hasMessageContaining("3 watchers");
        first.close();
        first.close();
        assertThat(watchers.size()).isEqualTo(2);
        watchers.decision("t1", "d-2", c -> { });
        assertThat(watchers.size()).isEqualTo(3);
    }

    @Test
    void aFailingListener_doesNotKeepTheChangeFromTheOthers() {
        var seen = new ArrayList<Long>();
        watchers.decision("t1", "d-1", c -> {
            throw new IllegalStateException("broken");
        });
        watchers.decision("t1", "d-1", c -> seen.add(c.version()));

        watchers.changed(change("t1", "d-1", "f", 4));

        assertThat(seen).containsExactly(4L);
    }

    @Test
    void theActivity_countsTheWatchers_andSaysSinceWhenTheFirstCame_orTheLastLeft() {
        assertThat(watchers.activity()).isEqualTo(new OutcomeWatchers.Activity(0, null));
        clock.set(Instant.EPOCH.plusSeconds(10));
        var first = watchers.decision("t1", "d-1", c -> { });
        clock.set(Instant.EPOCH.plusSeconds(20));
        var second = watchers.flow("t1", "f", c -> { });
        first.close();

        assertThat(watchers.activity()).isEqualTo(new OutcomeWatchers.Activity(1, Instant.EPOCH.plusSeconds(10)));
        clock.set(Instant.EPOCH.plusSeconds(30));
        second.close();
        second.close();
        assertThat(watchers.activity()).isEqualTo(new OutcomeWatchers.Activity(0, Instant.EPOCH.plusSeconds(30)));
    }

    @Test
    void aRefusedWatcher_doesNotChangeTheActivity() {
        clock.set(Instant.EPOCH.plusSeconds(10));
        for (int i = 0; i < 3; i++) {
            watchers.decision("t1", "d-" + i, c -> { });
        }
        clock.set(Instant.EPOCH.plusSeconds(20));

        assertThatThrownBy(() -> watchers.flow("t1", "f", c -> { }))
                .isInstanceOf(OutcomeWatchers.TooManyWatchers.class);
        assertThat(watchers.activity()).isEqualTo(new OutcomeWatchers.Activity(3, Instant.EPOCH.plusSeconds(10)));
    }

    @Test
    void aFlowsWatcher_isToldOnlyOfChangesMadeSinceItRegistered_aDecisionsWatcherOfEarlierOnesToo() {
        Instant registered = Instant.EPOCH.plusSeconds(100);
        clock.set(registered);
        var seen = new ArrayList<String>();
        watchers.flow("t1", "f", c -> seen.add("flow v" + c.version()));
        watchers.decision("t1", "d-1", c -> seen.add("decision v" + c.version()));

        watchers.changed(change("t1", "d-1", "f", 2, registered.minusSeconds(3)));
        watchers.changed(change("t1", "d-1", "f", 3, registered));

        assertThat(seen).containsExactly("decision v2", "decision v3", "flow v3");
    }
}
