package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LaneGateTests {

    static final Duration YIELD_AFTER = Duration.ofMillis(500);
    static final Duration PROMPT = Duration.ofMillis(20);

    long now = 1_000_000_000L;
    /** Only the wait counts here: the urgent lane may be as busy as it likes. */
    final LaneGate gate = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 1.0, () -> now);

    @Test
    void idleUrgentLane_letsBulkRun() {
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void anUrgentLaneThatKeepsUp_letsBulkRunWhileItWorks() {
        for (int poll = 0; poll < 50; poll++) {
            boolean behind = gate.urgentStarted(PROMPT);
            now += Duration.ofMillis(10).toNanos();
            assertThat(gate.bulkMayRun()).as("poll %d", poll).isTrue();
            gate.urgentFinished(behind);
            now += Duration.ofMillis(10).toNanos();
        }
    }

    @Test
    void whileAPollThatWaitedTooLongIsWorkedOn_bulkWaits() {
        boolean behind = gate.urgentStarted(YIELD_AFTER);
        now += Duration.ofSeconds(5).toNanos();

        assertThat(behind).isTrue();
        assertThat(gate.bulkMayRun()).isFalse();
    }

    @Test
    void afterTheUrgentLaneCaughtUp_bulkWaitsTheGrace_thenRuns() {
        gate.urgentFinished(gate.urgentStarted(Duration.ofSeconds(2)));
        // caught up: its next polls are prompt, and do not hold BULK longer
        gate.urgentFinished(gate.urgentStarted(PROMPT));

        now += Duration.ofMillis(199).toNanos();
        assertThat(gate.bulkMayRun()).isFalse();
        now += Duration.ofMillis(1).toNanos();
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void twoUrgentThreads_bulkWaitsUntilTheOneBehindIsDone() {
        boolean first = gate.urgentStarted(Duration.ofSeconds(1));
        boolean second = gate.urgentStarted(PROMPT);
        gate.urgentFinished(second);
        now += Duration.ofSeconds(1).toNanos();

        assertThat(gate.bulkMayRun()).isFalse();
        gate.urgentFinished(first);
        now += Duration.ofSeconds(1).toNanos();
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void yieldingAfterZero_pausesBulkWheneverTheUrgentLaneWorks() {
        var strict = new LaneGate(Duration.ZERO, Duration.ofMillis(200), 1.0, () -> now);

        boolean behind = strict.urgentStarted(Duration.ZERO);
        assertThat(strict.bulkMayRun()).isFalse();
        strict.urgentFinished(behind);
        now += Duration.ofMillis(200).toNanos();
        assertThat(strict.bulkMayRun()).isTrue();
    }

    @Test
    void anUrgentLaneBusyMoreThanTheShare_holdsBulkBack_thoughItsRecordsArePrompt() {
        var halfBusy = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 0.5, () -> now);
        promptPolls(halfBusy, 20, Duration.ofMillis(60), Duration.ofMillis(40));

        assertThat(halfBusy.busyShare()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.05));
        assertThat(halfBusy.bulkMayRun()).isFalse();
    }

    @Test
    void anUrgentLaneBusyLessThanTheShare_letsBulkRun() {
        var halfBusy = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 0.5, () -> now);
        promptPolls(halfBusy, 20, Duration.ofMillis(20), Duration.ofMillis(80));

        assertThat(halfBusy.busyShare()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05));
        assertThat(halfBusy.bulkMayRun()).isTrue();
    }

    /** {@code count} prompt polls on one thread, each in hand for {@code work}, then {@code idle} before the next. */
    private void promptPolls(LaneGate gate, int count, Duration work, Duration idle) {
        for (int poll = 0; poll < count; poll++) {
            boolean behind = gate.urgentStarted(PROMPT);
            now += work.toNanos();
            gate.urgentFinished(behind);
            now += idle.toNanos();
        }
    }

    @Test
    void aPollInHandForSeconds_countsAsBusyThroughout_andTheShareFallsOnceItEnds() {
        var halfBusy = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 0.5, () -> now);
        boolean behind = halfBusy.urgentStarted(PROMPT);
        now += Duration.ofMillis(3_500).toNanos();

        assertThat(halfBusy.busyShare()).isEqualTo(1.0);
        assertThat(halfBusy.bulkMayRun()).isFalse();

        halfBusy.urgentFinished(behind);
        now += Duration.ofMillis(600).toNanos();
        assertThat(halfBusy.busyShare()).isLessThanOrEqualTo(0.5);
        assertThat(halfBusy.bulkMayRun()).isTrue();
        now += Duration.ofSeconds(3).toNanos();
        assertThat(halfBusy.busyShare()).isZero();
    }

    @Test
    void aPollInHandWhenTheBucketTurnsOver_countsInBoth() {
        var halfBusy = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 0.5, () -> now);
        now += Duration.ofMillis(900).toNanos();
        boolean behind = halfBusy.urgentStarted(PROMPT);
        now += Duration.ofMillis(200).toNanos();
        halfBusy.urgentFinished(behind);

        // at 1,100 ms: 100 ms of the first bucket, weighted 0.9, and 100 ms of the second
        assertThat(halfBusy.busyShare()).isCloseTo(0.19, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void twoThreadsAtWorkTogether_countOnce() {
        var halfBusy = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 0.5, () -> now);
        now += Duration.ofMillis(100).toNanos();
        boolean first = halfBusy.urgentStarted(PROMPT);
        now += Duration.ofMillis(200).toNanos();
        boolean second = halfBusy.urgentStarted(PROMPT);
        now += Duration.ofMillis(200).toNanos();
        halfBusy.urgentFinished(first);
        now += Duration.ofMillis(100).toNanos();
        halfBusy.urgentFinished(second);
        now += Duration.ofMillis(100).toNanos();

        // in hand from 100 to 600 ms on one thread or both: 500 ms, not the 700 ms of their sum
        assertThat(halfBusy.busyShare()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void threeThreadsEachAtWorkAFifthOfTheTime_apart_holdBulkBack() {
        var halfBusy = new LaneGate(YIELD_AFTER, Duration.ofMillis(200), 0.5, () -> now);
        // one poll of 20 ms per thread every 100 ms, the threads' polls one after the other: in hand 60 % of the time
        for (int round = 0; round < 10; round++) {
            for (int thread = 0; thread < 3; thread++) {
                boolean behind = halfBusy.urgentStarted(PROMPT);
                now += Duration.ofMillis(20).toNanos();
                halfBusy.urgentFinished(behind);
            }
            now += Duration.ofMillis(40).toNanos();
        }

        assertThat(halfBusy.busyShare()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.05));
        assertThat(halfBusy.bulkMayRun()).as("the union of the threads' time, ADR 0037").isFalse();
    }
}
