package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LaneGateTests {

    long now = 1_000_000_000L;
    final LaneGate gate = new LaneGate(Duration.ofMillis(200), () -> now);

    @Test
    void idleUrgentLane_letsBulkRun() {
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void whileTheUrgentLaneWorks_bulkWaits() {
        gate.urgentStarted();
        now += Duration.ofSeconds(5).toNanos();

        assertThat(gate.bulkMayRun()).isFalse();
    }

    @Test
    void afterTheUrgentLaneFinishes_bulkWaitsTheGrace_thenRuns() {
        gate.urgentStarted();
        gate.urgentFinished();

        now += Duration.ofMillis(199).toNanos();
        assertThat(gate.bulkMayRun()).isFalse();
        now += Duration.ofMillis(1).toNanos();
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void twoUrgentThreads_bulkWaitsUntilBothAreDone() {
        gate.urgentStarted();
        gate.urgentStarted();
        gate.urgentFinished();
        now += Duration.ofSeconds(1).toNanos();

        assertThat(gate.bulkMayRun()).isFalse();
        gate.urgentFinished();
        now += Duration.ofSeconds(1).toNanos();
        assertThat(gate.bulkMayRun()).isTrue();
    }
}
