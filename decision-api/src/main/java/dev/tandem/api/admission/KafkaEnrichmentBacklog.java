package dev.tandem.api.admission;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment backlog read from Kafka every {@code interval} on a daemon thread of its own (ADR 0030): for each of
 * the flows' required enrichers, the lanes' end offsets less its groups' committed offsets ({@link
 * ConsumerGroups#enricher} on {@link Topics#DECISIONS}, {@link ConsumerGroups#enricherBulk} on {@link
 * Topics#DECISIONS_BULK}); of each lane, the largest over the enrichers. One request for all the groups' offsets and one
 * for the end offsets per reading.
 *
 * <p>It never refuses on what it does not know: a partition a group has committed nothing on does not count, and a
 * reading that fails (the broker away) leaves {@link Backlog#NONE} until one succeeds. The enrichers commit every
 * second or so (ADR 0025), so the backlog is that much behind; the limits are thousands of decisions.
 */
final class KafkaEnrichmentBacklog implements EnrichmentBacklog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEnrichmentBacklog.class);

    private final Admin admin;
    private final List<String> enrichers;
    private final Duration timeout;
    private final ScheduledExecutorService reader;
    private volatile Backlog last = Backlog.NONE;
    private volatile boolean failing;

    /**
     * @param enrichers the required enrichers of every flow, whose groups are read
     * @param interval how often the backlog is read
     */
    KafkaEnrichmentBacklog(Admin admin, List<String> enrichers, Duration interval) {
        this.admin = admin;
        this.enrichers = List.copyOf(enrichers);
        this.timeout = interval.multipliedBy(4);
        this.reader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("enrichment-backlog").factory());
        if (!this.enrichers.isEmpty()) {
            reader.scheduleWithFixedDelay(this::read, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Backlog now() {
        return last;
    }

    /** Reads the backlog once; a failure leaves none known. */
    void read() {
        try {
            last = readOnce();
            if (failing) {
                failing = false;
                log.info("enrichment backlog read again: {}", last);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            last = Backlog.NONE;
            if (!failing) {
                failing = true;
                log.warn("enrichment backlog not read ({}); refusing nothing on it until it is", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Backlog readOnce() throws ExecutionException, TimeoutException, InterruptedException {
        var groups = new HashMap<String, ListConsumerGroupOffsetsSpec>();
        for (String enricher : enrichers) {
            groups.put(ConsumerGroups.enricher(enricher), new ListConsumerGroupOffsetsSpec());
            groups.put(ConsumerGroups.enricherBulk(enricher), new ListConsumerGroupOffsetsSpec());
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(groups).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(partition ->
                latest.put(partition, OffsetSpec.latest())));
        if (latest.isEmpty()) {
            return Backlog.NONE;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        var endOffsets = new HashMap<TopicPartition, Long>();
        ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
        long main = 0;
        long bulk = 0;
        for (String enricher : enrichers) {
            main = Math.max(main, behind(endOffsets, committed.get(ConsumerGroups.enricher(enricher)),
                    Topics.DECISIONS));
            bulk = Math.max(bulk, behind(endOffsets, committed.get(ConsumerGroups.enricherBulk(enricher)),
                    Topics.DECISIONS_BULK));
        }
        return new Backlog(main, bulk);
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

    @Override
    public void close() {
        reader.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
