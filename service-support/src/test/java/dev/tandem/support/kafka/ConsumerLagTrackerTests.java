package dev.tandem.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tandem.core.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ConsumerLagTrackerTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    static ConsumerRecord<String, String> record(long offset, Instant timestamp) {
        return record(0, offset, timestamp);
    }

    static ConsumerRecord<String, String> record(int partition, long offset, Instant timestamp) {
        return new ConsumerRecord<>("t", partition, offset, timestamp.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0,
                "k", "v", new RecordHeaders(), Optional.empty());
    }

    @Test
    void lag_isTheAgeOfTheRecordInHand_growsWhileItIsStuck_andIsZeroOnceCaughtUp() {
        var meters = new SimpleMeterRegistry();
        var clock = new ManualClock(T0);
        var tracker = new ConsumerLagTracker<String, String>(meters, clock);
        var consumer = new MockConsumer<String, String>("earliest");
        var partition = new TopicPartition("t", 0);
        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 10L));
        consumer.seek(partition, 10);

        tracker.intercept(record(2, T0.minusSeconds(7)), consumer);
        double inHand = gauge(meters);
        clock.set(T0.plusSeconds(5));
        double stuck = gauge(meters);
        tracker.afterRecord(record(2, T0.minusSeconds(7)), consumer);
        double stillBehind = gauge(meters);
        tracker.intercept(record(9, T0), consumer);
        tracker.afterRecord(record(9, T0), consumer);

        assertThat(inHand).isEqualTo(7.0);
        assertThat(stuck).isEqualTo(12.0);
        assertThat(stillBehind).isEqualTo(12.0);
        assertThat(gauge(meters)).isZero();
    }

    @Test
    void lag_ofPartitionsRevokedOrLostInARebalance_isNoLongerReported() {
        var meters = new SimpleMeterRegistry();
        var tracker = new ConsumerLagTracker<String, String>(meters, new ManualClock(T0));
        var consumer = new MockConsumer<String, String>("earliest");
        var p0 = new TopicPartition("t", 0);
        var p1 = new TopicPartition("t", 1);
        var p2 = new TopicPartition("t", 2);
        consumer.assign(List.of(p0, p1, p2));
        // three records in hand, each stuck
        tracker.intercept(record(0, 4, T0.minusSeconds(60)), consumer);
        tracker.intercept(record(1, 4, T0.minusSeconds(30)), consumer);
        tracker.intercept(record(2, 4, T0.minusSeconds(7)), consumer);
        double allOwned = gauge(meters);

        tracker.onPartitionsRevokedAfterCommit(consumer, List.of(p0));
        double afterRevoke = gauge(meters);
        tracker.onPartitionsLost(consumer, List.of(p1, new TopicPartition("other", 1)));
        double afterLoss = gauge(meters);
        tracker.onPartitionsRevokedAfterCommit(consumer, List.of(p2));

        assertThat(allOwned).isEqualTo(60.0);
        assertThat(afterRevoke).isEqualTo(30.0);
        assertThat(afterLoss).isEqualTo(7.0);
        assertThat(gauge(meters)).isZero();
    }

    @Test
    void lag_partitionAssignedBackAfterARevoke_isReportedFromItsNextRecord() {
        var meters = new SimpleMeterRegistry();
        var tracker = new ConsumerLagTracker<String, String>(meters, new ManualClock(T0));
        var consumer = new MockConsumer<String, String>("earliest");
        var p0 = new TopicPartition("t", 0);
        consumer.assign(List.of(p0));
        tracker.intercept(record(4, T0.minusSeconds(60)), consumer);

        tracker.onPartitionsRevokedAfterCommit(consumer, List.of(p0));
        tracker.onPartitionsAssigned(consumer, List.of(p0));
        tracker.intercept(record(4, T0.minusSeconds(60)), consumer);

        assertThat(gauge(meters)).isEqualTo(60.0);
    }

    private static double gauge(SimpleMeterRegistry meters) {
        return meters.get("tandem.consumer.lag.time").tag("topic", "t").gauge().value();
    }
}
