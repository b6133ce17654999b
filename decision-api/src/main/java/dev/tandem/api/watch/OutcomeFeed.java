package dev.tandem.api.watch;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.tandem.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the {@code OutcomeUpdated} the blender publishes to {@link Topics#OUTCOMES} while anyone watches, on one
 * platform thread, and tells {@link OutcomeWatchers}. Each instance reads all partitions itself, assigned rather than
 * in a consumer group, and commits nothing: every replica of decision-api sees every change, so a client is told on
 * whichever replica it is connected to. Only records whose decision (or flow) is watched are decoded; the others cost
 * the fetch. New partitions are picked up within {@code partitionCheck} and read from their beginning; a topic that
 * does not exist yet (blender creates it) is waited for, never auto-created.
 *
 * <p>Nobody watching, it fetches nothing ({@link FeedGate}, ADR 0026): it stops polling {@code pauseAfter} after the
 * last watcher left, and when one comes it seeks every partition to the first record stamped from shortly before that
 * watcher registered, so nothing the watcher has not read from the store is skipped. {@link FeedReader} takes each
 * turn; this class runs the thread and rides out failures.
 *
 * <p>What it says is a hint, not the document: watchers read the outcome itself from the store, so a change missed
 * while the broker is unreachable costs only time (an event stream looks again at every heartbeat, a long poll at
 * its timeout).
 */
final class OutcomeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeFeed.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final FeedReader turns;
    private volatile boolean running;
    /** Whether the last attempt failed: one warning per outage, not one per retry. Reader thread only. */
    private boolean failing;
    private @Nullable Thread thread;
    private volatile @Nullable Consumer<String, byte[]> consumer;

    /**
     * @param consumerProperties the Kafka client's settings (bootstrap servers, security); the group, commits,
     *        offset reset and topic creation are set here
     * @param pauseAfter how long it goes on reading once nobody watches
     */
    OutcomeFeed(Map<String, Object> consumerProperties, OutcomeWatchers watchers, Duration partitionCheck,
            Duration pauseAfter, MeterRegistry meters, Clock clock) {
        this.consumers = consumers(consumerProperties);
        this.turns = new FeedReader(watchers, partitionCheck, new FeedGate(pauseAfter), meters, clock);
    }

    private static Supplier<Consumer<String, byte[]>> consumers(Map<String, Object> consumerProperties) {
        var properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "decision-api-outcome-feed");
        Map<String, Object> settings = Map.copyOf(properties);
        return () -> new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outcome-feed").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
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
        try (Consumer<String, byte[]> reader = consumers.get()) {
            consumer = reader;
            while (running) {
                try {
                    Duration wait = turns.turn(reader);
                    if (failing) {
                        failing = false;
                        log.info("reading {} again", Topics.OUTCOMES);
                    }
                    if (!wait.isZero()) {
                        Thread.sleep(wait);
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
                                Topics.OUTCOMES, FeedReader.RETRY, ex);
                    }
                    sleepQuietly();
                }
            }
        }
        finally {
            consumer = null;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(FeedReader.RETRY);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
