package dev.tandem.workers.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.tandem.core.testing.ManualClock;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class UrgentLaneListenerTests {

    static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");

    final ManualClock clock = new ManualClock(NOW);
    long nanos = 0;
    final LaneGate gate = new LaneGate(Duration.ofMillis(500), Duration.ofMillis(200), 1.0, () -> nanos);
    final AtomicReference<Boolean> bulkDuringWork = new AtomicReference<>();

    @Test
    void aPollWhoseOldestRecordWaitedPastTheLimit_pausesBulkWhileItIsWorkedOn() {
        var listener = new UrgentLaneListener(records -> bulkDuringWork.set(gate.bulkMayRun()), gate, clock);

        listener.onMessage(List.of(record(NOW.minusMillis(600)), record(NOW.minusMillis(30))));

        assertThat(bulkDuringWork.get()).isFalse();
        assertThat(gate.bulkMayRun()).as("within the grace").isFalse();
        nanos += Duration.ofMillis(200).toNanos();
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void aPromptPoll_leavesBulkRunning() {
        var listener = new UrgentLaneListener(records -> bulkDuringWork.set(gate.bulkMayRun()), gate, clock);

        listener.onMessage(List.of(record(NOW.minusMillis(30)), record(NOW.minusMillis(499))));

        assertThat(bulkDuringWork.get()).isTrue();
        assertThat(gate.bulkMayRun()).isTrue();
    }

    @Test
    void recordsWithoutATimestamp_countAsPrompt() {
        var listener = new UrgentLaneListener(records -> bulkDuringWork.set(gate.bulkMayRun()), gate, clock);

        listener.onMessage(List.of(record(null)));

        assertThat(bulkDuringWork.get()).isTrue();
    }

    @Test
    void aPollThatFails_stillEndsItsHoldOnBulk() {
        var listener = new UrgentLaneListener(records -> {
            throw new IllegalStateException("the enricher failed");
        }, gate, clock);

        assertThatThrownBy(() -> listener.onMessage(List.of(record(NOW.minusSeconds(2)))))
                .isInstanceOf(IllegalStateException.class);
        nanos += Duration.ofMillis(200).toNanos();
        assertThat(gate.bulkMayRun()).isTrue();
    }

    private static ConsumerRecord<String, DecisionMade> record(Instant published) {
        return new ConsumerRecord<>(Topics.DECISIONS, 0, 0, published == null ? ConsumerRecord.NO_TIMESTAMP
                : published.toEpochMilli(), published == null ? TimestampType.NO_TIMESTAMP_TYPE
                : TimestampType.CREATE_TIME, 0, 0, "decision", null, new RecordHeaders(), Optional.empty());
    }
}
