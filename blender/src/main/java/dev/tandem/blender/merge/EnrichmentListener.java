package dev.tandem.blender.merge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tandem.core.failure.Await;
import dev.tandem.core.failure.DependencyException;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.support.kafka.AvroListeners;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Consumes {@code EnrichmentCompleted} a poll at a time: merges each result in order (each write is done before the
 * next starts, so results of one decision apply in their log order), lets the announcements travel together, and
 * returns once all of them are durable, so the poll's offsets are committed after the merges are stored and
 * announced. A result that fails is named in a {@link BatchListenerFailedException} after the ones before it are
 * announced: the error handler commits those, retries or dead-letters that one, and offers the rest again. The
 * consumer group is {@code tandem.blender.consumer-group}, set on the listener's container factory.
 */
class EnrichmentListener {

    private final MergeService merges;
    private final Duration announceTimeout;

    EnrichmentListener(MergeService merges, Duration announceTimeout) {
        this.merges = merges;
        this.announceTimeout = announceTimeout;
    }

    @KafkaListener(id = "blender", idIsGroup = false, topics = Topics.ENRICHMENTS,
            containerFactory = "enrichmentListenerFactory")
    void onEnrichments(List<ConsumerRecord<String, EnrichmentCompleted>> records) {
        var announcements = new ArrayList<CompletableFuture<?>>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, EnrichmentCompleted> record = records.get(i);
            try {
                if (record.value() == null) {
                    throw AvroListeners.unreadable(record);
                }
                announcements.add(merges.merge(record.value()).toCompletableFuture());
            } catch (Exception ex) {
                awaitAll(announcements, 0);
                throw new BatchListenerFailedException(ex.getMessage(), ex, i);
            }
        }
        awaitAll(announcements, 0);
    }

    /** Waits for every announcement; if one failed, the poll is offered again from {@code index} after a back-off. */
    private void awaitAll(List<CompletableFuture<?>> announcements, int index) {
        try {
            Await.on(CompletableFuture.allOf(announcements.toArray(CompletableFuture[]::new)), announceTimeout,
                    "kafka", "announcing " + announcements.size() + " outcomes");
        } catch (DependencyException ex) {
            throw new BatchListenerFailedException(ex.getMessage(), ex, index);
        }
    }
}
