package dev.tandem.blender.merge;

import dev.tandem.core.failure.UnprocessableException;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code EnrichmentCompleted}; the offset is committed after the merge is stored and announced. The
 * consumer group is {@code tandem.blender.consumer-group}, set on the listener's container factory.
 */
class EnrichmentListener {

    private final MergeService merges;

    EnrichmentListener(MergeService merges) {
        this.merges = merges;
    }

    @KafkaListener(id = "blender", idIsGroup = false, topics = Topics.ENRICHMENTS,
            containerFactory = "enrichmentListenerFactory")
    void onEnrichment(ConsumerRecord<String, EnrichmentCompleted> record) {
        if (record.value() == null) {
            throw new UnprocessableException("empty record (key " + record.key() + ") on " + record.topic());
        }
        merges.merge(record.value());
    }
}
