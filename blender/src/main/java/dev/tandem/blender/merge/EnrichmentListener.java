package dev.tandem.blender.merge;

import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Consumes {@code EnrichmentCompleted}; the offset is committed after the merge is stored and announced. */
class EnrichmentListener {

    private final MergeService merges;

    EnrichmentListener(MergeService merges) {
        this.merges = merges;
    }

    @KafkaListener(id = "blender", topics = Topics.ENRICHMENTS, containerFactory = "enrichmentListenerFactory")
    void onEnrichment(ConsumerRecord<String, EnrichmentCompleted> record) {
        merges.merge(record.value());
    }
}
