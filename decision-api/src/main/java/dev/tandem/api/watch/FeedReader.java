package dev.tandem.api.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.serde.AvroDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OutcomeFeed}'s turns over its consumer: finds the partitions, asks the {@link FeedGate} whether to read,
 * positions the consumer when reading resumes, polls, and tells the watchers what they want. Called on the feed's
 * thread only; failures are thrown to it.
 */
final class FeedReader {

    private static final Logger log = LoggerFactory.getLogger(FeedReader.class);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration RETRY = Duration.ofSeconds(1);

    private final OutcomeWatchers watchers;
    private final Duration partitionCheck;
    private final FeedGate gate;
    private final Clock clock;
    private final AvroDeserializer<OutcomeUpdated> decoder = new AvroDeserializer<>(OutcomeUpdated.class);
    private final Timer delay;
    private final Counter unreadable;
    private final Counter read;
    private volatile int partitions;
    private volatile boolean reading;
    private long nextCheck;
    /** Changes made before this were read only because reading resumed a little early: no delay to record. */
    private Instant watchedFrom = Instant.MIN;

    FeedReader(OutcomeWatchers watchers, Duration partitionCheck, FeedGate gate, MeterRegistry meters, Clock clock) {
        this.watchers = watchers;
        this.partitionCheck = partitionCheck;
        this.gate = gate;
        this.clock = clock;
        this.delay = Timer.builder(MetricNames.WATCH_FEED_DELAY)
                .description("from an outcome's change being stored to this instance reading it on the outcomes topic")
                .publishPercentileHistogram().register(meters);
        this.unreadable = Counter.builder(MetricNames.WATCH_FEED_UNREADABLE)
                .description("outcomes-topic records that did not decode (skipped)").register(meters);
        this.read = Counter.builder(MetricNames.WATCH_FEED_RECORDS)
                .description("outcomes-topic records this instance read for its watchers").register(meters);
        Gauge.builder(MetricNames.WATCH_FEED_PARTITIONS, this, feed -> feed.partitions)
                .description("partitions of the outcomes topic this instance reads").register(meters);
        Gauge.builder(MetricNames.WATCH_FEED_READING, this, feed -> feed.reading ? 1 : 0)
                .description("1 while the feed reads the outcomes topic, 0 while nobody watches").register(meters);
    }

    /**
     * One turn: looks for partitions when due, then reads one poll's records if the gate says so.
     *
     * @return how long to wait before the next turn: nothing after a poll
     */
    Duration turn(Consumer<String, byte[]> reader) {
        if (partitions == 0 || System.nanoTime() - nextCheck >= 0) {
            assign(reader);
        }
        if (partitions == 0) {
            return RETRY;
        }
        switch (gate.next(reading, watchers.activity(), clock.instant())) {
            case FeedGate.Idle idle -> {
                return POLL;
            }
            case FeedGate.Pause pause -> {
                reading = false;
                log.info("nobody watches outcomes: {} not read until someone does", Topics.OUTCOMES);
                return POLL;
            }
            case FeedGate.Resume resume -> {
                assign(reader); // partitions added while nobody watched are read from the first watcher on
                resume(reader, resume.from());
                reading = true;
            }
            case FeedGate.Read going -> {
                // on from where it is
            }
        }
        ConsumerRecords<String, byte[]> records = reader.poll(POLL);
        read.increment(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record);
        }
        return Duration.ZERO;
    }

    /**
     * Assigns every partition of the topic: at the first assignment each from its end (what changes from now on);
     * partitions added later from their beginning (all of it is new to this reader). A resume positions them anew.
     * The partitions are asked of the broker ({@code listTopics}): {@code partitionsFor} would answer from the
     * consumer's metadata, which is refreshed only every {@code metadata.max.age.ms} (5 minutes).
     */
    private void assign(Consumer<String, byte[]> reader) {
        List<PartitionInfo> infos = reader.listTopics(RETRY).get(Topics.OUTCOMES);
        nextCheck = System.nanoTime() + partitionCheck.toNanos();
        if (infos == null || infos.size() == partitions) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>();
        infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(reader.assignment());
        boolean first = partitions == 0;
        reader.assign(all);
        if (first) {
            reader.seekToEnd(added);
        }
        else {
            // created while this reader runs: every record on them is a change it has not seen
            reader.seekToBeginning(added);
        }
        partitions = all.size();
        log.info("assigned {} partitions of {} for outcome watchers", partitions, Topics.OUTCOMES);
    }

    /**
     * Seeks each partition to its first record stamped {@code from} or later, or to its end when there is none. The
     * ends are asked first: a record stamped {@code from} or later that arrives between the two answers then lies
     * after its partition's end, and is read.
     */
    private void resume(Consumer<String, byte[]> reader, Instant from) {
        Set<TopicPartition> assigned = reader.assignment();
        Map<TopicPartition, Long> ends = reader.endOffsets(assigned, RETRY);
        Map<TopicPartition, Long> times = new HashMap<>();
        assigned.forEach(partition -> times.put(partition, Math.max(0, from.toEpochMilli())));
        Map<TopicPartition, OffsetAndTimestamp> found = reader.offsetsForTimes(times, RETRY);
        for (TopicPartition partition : assigned) {
            OffsetAndTimestamp first = found.get(partition);
            Long end = ends.get(partition);
            if (first != null) {
                reader.seek(partition, first.offset());
            }
            else if (end != null) {
                reader.seek(partition, end);
            }
        }
        watchedFrom = from.plus(FeedGate.MARGIN);
        log.info("someone watches outcomes: reading {} from the records stamped {} on", Topics.OUTCOMES, from);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null || !watchers.wants(record.key())) {
            return;
        }
        OutcomeChange change;
        try {
            change = OutcomeChange.of(decoder.deserialize(record.topic(), record.value()));
        }
        catch (RuntimeException ex) {
            unreadable.increment();
            log.warn("skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), ex.getMessage());
            return;
        }
        if (!change.updatedAt().isBefore(watchedFrom)) {
            delay.record(Math.max(0, clock.millis() - change.updatedAt().toEpochMilli()), TimeUnit.MILLISECONDS);
        }
        watchers.changed(change);
    }
}
