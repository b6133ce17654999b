package dev.tandem.api.admission;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment backlog read from Kafka every {@code interval} on a daemon thread of its own (ADR 0030): for each
 * enricher a flow requires, the lanes' end offsets less its consumer groups' committed offsets ({@link
 * ConsumerGroups#enricher} on {@link Topics#DECISIONS}, {@link ConsumerGroups#enricherBulk} on {@link
 * Topics#DECISIONS_BULK}); of each flow, the slowest of its enrichers. One request for the groups' offsets (one per
 * group coordinator) and one for the end offsets (one per partition leader) per reading.
 *
 * <p>It never refuses on what it does not know: a partition a group has committed nothing on does not count, and when
 * readings fail (the broker away, or too slow to answer within the timeout) the last one stands until it is older than
 * {@code staleAfter}, then none does until a reading succeeds. The enrichers commit every second or so (ADR 0025), so
 * the backlog is that much behind; the limits are thousands of decisions.
 */
final class KafkaEnrichmentBacklog implements EnrichmentBacklog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEnrichmentBacklog.class);

    /** What one enricher has not taken yet on each lane. */
    record Behind(long main, long bulk) {
    }

    /** A successful reading: each flow's backlog, and when it was read ({@link System#nanoTime()}). */
    private record Reading(Map<String, Backlog> byFlow, long readAt) {
    }

    private final Admin admin;
    private final Map<String, List<String>> enrichersByFlow;
    private final Set<String> enrichers;
    private final Duration timeout;
    private final long staleAfterNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService reader;
    private volatile @Nullable Reading last;
    private volatile boolean failing;

    /**
     * @param enrichersByFlow each flow's required enrichers, whose groups are read
     * @param interval how often the backlog is read; a reading may take 4 times as long (at least 2 s), and the last
     *        good one stands for 10 times as long (at least 5 s)
     */
    KafkaEnrichmentBacklog(Admin admin, Map<String, List<String>> enrichersByFlow, Duration interval,
            LongSupplier nanoTime) {
        this.admin = admin;
        this.enrichersByFlow = Map.copyOf(enrichersByFlow);
        this.enrichers = new LinkedHashSet<>();
        enrichersByFlow.values().forEach(enrichers::addAll);
        this.timeout = max(interval.multipliedBy(4), Duration.ofSeconds(2));
        this.staleAfterNanos = max(interval.multipliedBy(10), Duration.ofSeconds(5)).toNanos();
        this.nanoTime = nanoTime;
        this.reader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("enrichment-backlog").factory());
        if (!enrichers.isEmpty()) {
            reader.scheduleWithFixedDelay(this::read, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Backlog of(@Nullable String flow) {
        Reading reading = last;
        if (flow == null || reading == null || nanoTime.getAsLong() - reading.readAt() > staleAfterNanos) {
            return Backlog.NONE;
        }
        return reading.byFlow().getOrDefault(flow, Backlog.NONE);
    }

    /** Reads the backlog once; a failure keeps the last reading (until it is stale). */
    void read() {
        try {
            took(readOnce());
            if (failing) {
                failing = false;
                log.info("enrichment backlog read again");
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("enrichment backlog not read ({}); the last reading stands for {} ms, then none", e.toString(),
                        TimeUnit.NANOSECONDS.toMillis(staleAfterNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps a successful reading of each enricher's backlog, as of now. */
    void took(Map<String, Behind> behind) {
        last = new Reading(byFlow(enrichersByFlow, behind), nanoTime.getAsLong());
    }

    private Map<String, Behind> readOnce() throws ExecutionException, TimeoutException, InterruptedException {
        var groups = new HashMap<String, ListConsumerGroupOffsetsSpec>();
        for (String enricher : enrichers) {
            groups.put(ConsumerGroups.enricher(enricher), new ListConsumerGroupOffsetsSpec());
            groups.put(ConsumerGroups.enricherBulk(enricher), new ListConsumerGroupOffsetsSpec());
        }
        int millis = (int) timeout.toMillis();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(groups,
                new ListConsumerGroupOffsetsOptions().timeoutMs(millis)).all().get(millis, TimeUnit.MILLISECONDS);
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(partition ->
                latest.put(partition, OffsetSpec.latest())));
        var ends = new HashMap<TopicPartition, Long>();
        if (!latest.isEmpty()) {
            admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(millis)).all()
                    .get(millis, TimeUnit.MILLISECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
        }
        var behind = new HashMap<String, Behind>();
        for (String enricher : enrichers) {
            behind.put(enricher, new Behind(
                    behind(ends, committed.get(ConsumerGroups.enricher(enricher)), Topics.DECISIONS),
                    behind(ends, committed.get(ConsumerGroups.enricherBulk(enricher)), Topics.DECISIONS_BULK)));
        }
        return behind;
    }

    /**
     * Each flow's backlog from its enrichers' (an enricher not read counts as none behind): for STANDARD the most any
     * of them has on the main lane, for BULK the most any of them has on both lanes together.
     */
    static Map<String, Backlog> byFlow(Map<String, List<String>> enrichersByFlow, Map<String, Behind> behind) {
        var byFlow = new HashMap<String, Backlog>();
        enrichersByFlow.forEach((flow, enrichers) -> {
            long standard = 0;
            long bulk = 0;
            for (String enricher : enrichers) {
                Behind one = behind.getOrDefault(enricher, new Behind(0, 0));
                standard = Math.max(standard, one.main());
                bulk = Math.max(bulk, one.main() + one.bulk());
            }
            byFlow.put(flow, new Backlog(standard, bulk));
        });
        return Map.copyOf(byFlow);
    }

    /**
     * The records of {@code topic} after one group's committed offsets: over the partitions it committed on and whose
     * end is known, the end less the commit (never below 0).
     */
    static long behind(Map<TopicPartition, Long> ends,
            @Nullable Map<TopicPartition, @Nullable OffsetAndMetadata> committed, String topic) {
        if (committed == null) {
            return 0;
        }
        long behind = 0;
        for (var entry : committed.entrySet()) {
            Long end = ends.get(entry.getKey());
            if (entry.getKey().topic().equals(topic) && entry.getValue() != null && end != null) {
                behind += Math.max(0, end - entry.getValue().offset());
            }
        }
        return behind;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(2, TimeUnit.SECONDS);
        admin.close(Duration.ofSeconds(1));
    }
}
