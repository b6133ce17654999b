package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaEnrichmentBacklogTests {

    static final TopicPartition MAIN_0 = new TopicPartition("tandem.decisions", 0);
    static final TopicPartition MAIN_1 = new TopicPartition("tandem.decisions", 1);
    static final TopicPartition MAIN_2 = new TopicPartition("tandem.decisions", 2);
    static final TopicPartition BULK_0 = new TopicPartition("tandem.decisions.bulk", 0);

    @Test
    void behind_sumsEachCommittedPartitionsDistanceToItsEnd_ofTheTopicOnly() {
        Map<TopicPartition, Long> ends = Map.of(MAIN_0, 120L, MAIN_1, 50L, MAIN_2, 9L, BULK_0, 1_000L);
        var committed = new HashMap<TopicPartition, OffsetAndMetadata>();
        committed.put(MAIN_0, new OffsetAndMetadata(100));
        committed.put(MAIN_1, new OffsetAndMetadata(50));
        committed.put(MAIN_2, null); // nothing committed there: not counted
        committed.put(BULK_0, new OffsetAndMetadata(0));

        assertThat(KafkaEnrichmentBacklog.behind(ends, committed, "tandem.decisions")).isEqualTo(20);
        assertThat(KafkaEnrichmentBacklog.behind(ends, committed, "tandem.decisions.bulk")).isEqualTo(1_000);
    }

    @Test
    void behind_countsNothingItDoesNotKnow() {
        assertThat(KafkaEnrichmentBacklog.behind(Map.of(MAIN_0, 10L), null, "tandem.decisions"))
                .as("a group that committed nothing").isZero();
        assertThat(KafkaEnrichmentBacklog.behind(Map.of(), Map.of(MAIN_0, new OffsetAndMetadata(3)),
                "tandem.decisions")).as("an end not read").isZero();
        assertThat(KafkaEnrichmentBacklog.behind(Map.of(MAIN_0, 3L), Map.of(MAIN_0, new OffsetAndMetadata(7)),
                "tandem.decisions")).as("an end read before the commit").isZero();
    }
}
