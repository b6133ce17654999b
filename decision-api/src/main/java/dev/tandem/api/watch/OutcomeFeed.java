package dev.tandem.api.watch;

import java.time.Clock;
import java.time.Duration;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every {@code OutcomeUpdated} the blender publishes to {@link Topics#OUTCOMES} from the moment this instance
 * starts, on one platform thread, and tells {@link OutcomeWatchers}. Each instance reads all partitions itself,
 * assigned rather than in a consumer group, and commits nothing: every replica of decision-api sees every change,
 * so a client is told on whichever replica it is connected to. Only records whose decision (or flow) is watched are
 * decoded; the others cost the fetch. New partitions are picked up within {@code partitionCheck} and read from their
 * beginning; a topic that does not exist yet (blender creates it) is waited for, never auto-created.
 *
 * <p>What it says is a hint, not the document: watchers read the outcome itself from the store, so a change missed
 * while the broker is unreachable costs only time (an event stream looks again at every heartbeat, a long poll at
 * its timeout).
 */
final class OutcomeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Map<String, Object> consumerProperties;
    private final OutcomeWatchers watchers;
    private final Duration partitionCheck;
    private final Clock clock;
    private final AvroDeserializer<OutcomeUpdated> decoder = new AvroDeserializer<>(OutcomeUpdated.class);
    private final Timer delay;
    private final Counter unreadable;
    private volatile int partitions;
    private volatile boolean running;
    /** Whether the last attempt failed: one warning per outage, not one per retry. Reader thread only. */
    private boolean failing;
    private @Nullable Thread thread;
    private volatile @Nullable KafkaConsumer<String, byte[]> consumer;

    /**
     * @param consumerProperties the Kafka client's settings (bootstrap servers, security); the group, commits,
     *        offset reset and topic creation are set here
     */
    OutcomeFeed(Map<String, Object> consumerProperties, OutcomeWatchers watchers, Duration partitionCheck,
            MeterRegistry meters, Clock clock) {
        var properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "decision-api-outcome-feed");
        this.consumerProperties = Map.copyOf(properties);
        this.watchers = watchers;
        this.partitionCheck = partitionCheck;
        this.clock = clock;
        this.delay = Timer.builder(MetricNames.WATCH_FEED_DELAY)
                .description("from an outcome's change being stored to this instance reading it on the outcomes topic")
                .publishPercentileHistogram().register(meters);
        this.unreadable = Counter.builder(MetricNames.WATCH_FEED_UNREADABLE)
                .description("outcomes-topic records that did not decode (skipped)").register(meters);
        Gauge.builder(MetricNames.WATCH_FEED_PARTITIONS, this, feed -> feed.partitions)
                .description("partitions of the outcomes topic this instance reads").register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outcome-feed").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null) {
            try {
                reader.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (var reader = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = reader;
            long nextCheck = 0;
            while (running) {
                try {
                    if (partitions == 0 || System.nanoTime() - nextCheck >= 0) {
                        assign(reader);
                        nextCheck = System.nanoTime() + partitionCheck.toNanos();
                    }
                    if (partitions == 0) {
                        Thread.sleep(RETRY);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        handle(record);
                    }
                    if (failing) {
                        failing = false;
                        log.info("reading {} again", Topics.OUTCOMES);
                    }
                }
                catch (WakeupException ex) {
                    // stop() asked
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                catch (RuntimeException ex) {
                    // the broker unreachable (KafkaException) or anything unforeseen: the feed must go on
                    if (!failing) {
                        failing = true;
                        log.warn("reading {} failed; retrying every {} (watchers look again on their own meanwhile)",
                                Topics.OUTCOMES, RETRY, ex);
                    }
                    sleepQuietly();
                }
            }
        }
        finally {
            consumer = null;
        }
    }

    /**
     * Assigns every partition of the topic: at the first assignment each from its end (what changes from now on);
     * partitions added later from their beginning (all of it is new to this reader).
     */
    private void assign(KafkaConsumer<String, byte[]> reader) {
        List<PartitionInfo> infos = reader.partitionsFor(Topics.OUTCOMES, RETRY);
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
        log.info("reading {} partitions of {} from their end for outcome watchers", partitions, Topics.OUTCOMES);
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
        delay.record(Math.max(0, clock.millis() - change.updatedAt().toEpochMilli()), TimeUnit.MILLISECONDS);
        watchers.changed(change);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(RETRY);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
