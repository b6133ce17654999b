package dev.tandem.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ConsumerLagTrackerTests {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void afterRecord_recordsBehind_isTheAgeOfTheRecord_andCaughtUpIsZero() {
        var meters = new SimpleMeterRegistry();
        var tracker = new ConsumerLagTracker<String, String>(meters, Clock.fixed(NOW, ZoneOffset.UTC));
        var consumer = new MockConsumer<String, String>(AutoOffsetResetStrategy.EARLIEST.name());
        var partition = new TopicPartition("t", 0);
        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 10L));
        consumer.seek(partition, 3);
        var old = new ConsumerRecord<>("t", 0, 2, NOW.minusSeconds(7).toEpochMilli(), TimestampType.CREATE_TIME, 0, 0, "k", "v",
                new RecordHeaders(), Optional.empty());

        tracker.afterRecord(old, consumer);
        double behind = meters.get("tandem.consumer.lag.time").tag("topic", "t").gauge().value();
        consumer.seek(partition, 10);
        tracker.afterRecord(old, consumer);
        double caughtUp = meters.get("tandem.consumer.lag.time").tag("topic", "t").gauge().value();

        assertThat(behind).isEqualTo(7.0);
        assertThat(caughtUp).isZero();
    }
}
