package dev.tandem.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tandem.core.testing.ManualClock;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.event.Verdict;
import dev.tandem.schemas.serde.AvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The feed's turns over Kafka's own {@link MockConsumer} (taught to find offsets by time), with a clock the test moves. */
class FeedReaderTests {

    static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    static final TopicPartition P0 = new TopicPartition(Topics.OUTCOMES, 0);
    static final TopicPartition P1 = new TopicPartition(Topics.OUTCOMES, 1);
    static final TopicPartition P2 = new TopicPartition(Topics.OUTCOMES, 2);

    final ManualClock clock = new ManualClock(T);
    final OutcomeWatchers watchers = new OutcomeWatchers(10, clock);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final FeedReader reader = new FeedReader(watchers, Duration.ofMinutes(1), new FeedGate(Duration.ofSeconds(30)),
            meters, clock);
    final OutcomesLog outcomes = new OutcomesLog();

    @Test
    void nobodyWatching_theFeedFindsThePartitions_butNeverPolls() {
        outcomes.append(P0, "d-1", 2, T.minusSeconds(1));

        for (int i = 0; i < 5; i++) {
            assertThat(reader.turn(outcomes)).isEqualTo(FeedReader.POLL);
            clock.advance(Duration.ofSeconds(60));
        }

        assertThat(outcomes.polls).isZero();
        assertThat(gauge(MetricNames.WATCH_FEED_PARTITIONS)).isEqualTo(2);
        assertThat(gauge(MetricNames.WATCH_FEED_READING)).isZero();
    }

    @Test
    void aWatcherAfterAnIdleSpell_isToldOfWhatWasStampedFromTheMarginBeforeItCame_notOfOlderChanges() {
        reader.turn(outcomes);
        clock.set(T.plusSeconds(3_600));
        outcomes.append(P0, "d-1", 1, clock.instant().minusSeconds(60));
        outcomes.append(P0, "d-1", 2, clock.instant().minusSeconds(2));
        outcomes.append(P1, "d-2", 2, clock.instant().minusSeconds(1));
        var told = new ArrayList<String>();
        watchers.decision("t1", "d-1", change -> told.add(change.decisionId() + " v" + change.version()));
        watchers.decision("t1", "d-2", change -> told.add(change.decisionId() + " v" + change.version()));

        assertThat(reader.turn(outcomes)).isEqualTo(Duration.ZERO);
        outcomes.append(P0, "d-1", 3, clock.instant().plusMillis(5));
        reader.turn(outcomes);

        assertThat(told).containsExactlyInAnyOrder("d-1 v2", "d-2 v2", "d-1 v3");
        assertThat(counter(MetricNames.WATCH_FEED_RECORDS)).isEqualTo(3);
        assertThat(gauge(MetricNames.WATCH_FEED_READING)).isEqualTo(1);
    }

    @Test
    void nothingStampedSinceTheMargin_theFeedGoesOnFromTheEnd() {
        reader.turn(outcomes);
        outcomes.append(P0, "d-1", 1, T.minusSeconds(600));
        clock.set(T.plusSeconds(600));
        var versions = new ArrayList<Long>();
        watchers.decision("t1", "d-1", change -> versions.add(change.version()));

        reader.turn(outcomes);
        outcomes.append(P0, "d-1", 2, clock.instant());
        reader.turn(outcomes);

        assertThat(versions).containsExactly(2L);
    }

    @Test
    void partitionsAddedWhileNobodyWatched_areReadFromTheNextWatcherOn_notAPartitionCheckLater() {
        reader.turn(outcomes);
        clock.set(T.plusSeconds(10));
        outcomes.addPartition(P2);
        outcomes.append(P2, "d-3", 2, clock.instant().minusSeconds(1));
        var told = new ArrayList<String>();
        watchers.decision("t1", "d-3", change -> told.add(change.decisionId() + " v" + change.version()));

        reader.turn(outcomes);

        assertThat(told).containsExactly("d-3 v2");
        assertThat(gauge(MetricNames.WATCH_FEED_PARTITIONS)).isEqualTo(3);
    }

    @Test
    void theLastWatcherGone_theFeedReadsOnForPauseAfter_thenPollsNoMore_untilTheNextWatcher() {
        reader.turn(outcomes);
        OutcomeWatchers.Registration watching = watchers.decision("t1", "d-1", change -> { });
        reader.turn(outcomes);
        watching.close();
        clock.set(T.plusSeconds(29));
        reader.turn(outcomes);
        int pollsBeforePause = outcomes.polls;

        clock.set(T.plusSeconds(30));
        assertThat(reader.turn(outcomes)).isEqualTo(FeedReader.POLL);
        clock.set(T.plusSeconds(3_600));
        reader.turn(outcomes);
        int pollsWhilePaused = outcomes.polls - pollsBeforePause;
        watchers.flow("t1", "payment-risk", change -> { });
        reader.turn(outcomes);

        assertThat(pollsBeforePause).isEqualTo(2);
        assertThat(pollsWhilePaused).isZero();
        assertThat(outcomes.polls).isEqualTo(3);
    }

    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    double counter(String name) {
        return meters.get(name).counter().count();
    }

    /**
     * The outcomes topic with two partitions (until one is added), as a {@link MockConsumer} that also answers offsets by time (which it
     * does not by itself) from the records appended, and counts its polls.
     */
    static final class OutcomesLog extends MockConsumer<String, byte[]> {

        private final AvroSerializer<OutcomeUpdated> encoder = new AvroSerializer<>(OutcomeUpdated.class);
        private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> appended = new HashMap<>();
        int polls;

        OutcomesLog() {
            super("latest");
            updatePartitions(Topics.OUTCOMES, List.of(info(P0), info(P1)));
            updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            updateEndOffsets(Map.of(P0, 0L, P1, 0L));
        }

        /** The topic grew: {@code partition} is new, and empty. */
        void addPartition(TopicPartition partition) {
            List<PartitionInfo> infos = new ArrayList<>(partitionsFor(Topics.OUTCOMES));
            infos.add(info(partition));
            updatePartitions(Topics.OUTCOMES, infos);
            updateBeginningOffsets(Map.of(partition, 0L));
            updateEndOffsets(Map.of(partition, 0L));
        }

        static PartitionInfo info(TopicPartition partition) {
            Node broker = new Node(0, "localhost", 9092);
            return new PartitionInfo(partition.topic(), partition.partition(), broker, new Node[] { broker },
                    new Node[] { broker });
        }

        /** A partition assigned here brings the records appended to it before. */
        @Override
        public synchronized void assign(Collection<TopicPartition> partitions) {
            Set<TopicPartition> added = new HashSet<>(partitions);
            added.removeAll(assignment());
            super.assign(partitions);
            added.forEach(partition -> appended.getOrDefault(partition, List.of()).forEach(this::addRecord));
        }

        /** Blender stored a change at {@code stamped} and published it. */
        void append(TopicPartition partition, String decisionId, long version, Instant stamped) {
            List<ConsumerRecord<String, byte[]>> records = appended.computeIfAbsent(partition, p -> new ArrayList<>());
            var record = new ConsumerRecord<>(partition.topic(), partition.partition(), records.size(),
                    stamped.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1, decisionId,
                    encoder.serialize(Topics.OUTCOMES, event(decisionId, version, stamped)), new RecordHeaders(),
                    Optional.empty());
            records.add(record);
            updateEndOffsets(Map.of(partition, (long) records.size()));
            if (assignment().contains(partition)) {
                addRecord(record);
            }
        }

        @Override
        public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
            polls++;
            return super.poll(timeout);
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                Map<TopicPartition, Long> timestamps) {
            var found = new HashMap<TopicPartition, OffsetAndTimestamp>();
            timestamps.forEach((partition, time) -> appended.getOrDefault(partition, List.of()).stream()
                    .filter(record -> record.timestamp() >= time).findFirst()
                    .ifPresent(record -> found.put(partition,
                            new OffsetAndTimestamp(record.offset(), record.timestamp()))));
            return found;
        }

        static OutcomeUpdated event(String decisionId, long version, Instant updatedAt) {
            return OutcomeUpdated.newBuilder().setDecisionId(decisionId).setTenant("t1").setFlow("payment-risk")
                    .setEntityId("e-1").setStatus(OutcomeStatus.ENRICHING).setVersion(version)
                    .setVerdict(Verdict.APPROVE).setProvisionalVerdict(Verdict.APPROVE).setScore(0.1)
                    .setModel(new ModelRef("payment-risk-fast", "1")).setCompletedEnrichers(List.of("velocity"))
                    .setPendingEnrichers(List.of("ip-reputation")).setReasons(List.of()).setUpdatedAt(updatedAt)
                    .build();
        }
    }
}
