package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

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
    void byFlow_isTheSlowestOfTheFlowsEnrichers_bulkWaitingBehindBothLanesOfOne() {
        var behind = Map.of("velocity", new KafkaEnrichmentBacklog.Behind(50, 10),
                "ip-reputation", new KafkaEnrichmentBacklog.Behind(20, 100),
                "deep-risk", new KafkaEnrichmentBacklog.Behind(9_000, 0));

        Map<String, EnrichmentBacklog.Backlog> byFlow = KafkaEnrichmentBacklog.byFlow(Map.of(
                "payment-risk", List.of("velocity", "ip-reputation"),
                "payment-risk-deep", List.of("velocity", "deep-risk"),
                "no-enrichers", List.of(),
                "not-read-yet", List.of("new-enricher")), behind);

        assertThat(byFlow).containsEntry("payment-risk", new EnrichmentBacklog.Backlog(50, 120))
                .containsEntry("payment-risk-deep", new EnrichmentBacklog.Backlog(9_000, 9_000))
                .containsEntry("no-enrichers", EnrichmentBacklog.Backlog.NONE)
                .containsEntry("not-read-yet", EnrichmentBacklog.Backlog.NONE);
    }

    @Test
    void of_isNothingUntilARead_andForAFlowItDoesNotKnow() throws Exception {
        var now = new AtomicLong();
        try (var backlog = new KafkaEnrichmentBacklog(unreachableAdmin(), Map.of("payment-risk", List.of()),
                Duration.ofMillis(100), now::get)) {
            assertThat(backlog.of("payment-risk")).isEqualTo(EnrichmentBacklog.Backlog.NONE);
            assertThat(backlog.of(null)).isEqualTo(EnrichmentBacklog.Backlog.NONE);
            assertThat(backlog.of("unknown")).isEqualTo(EnrichmentBacklog.Backlog.NONE);
        }
    }

    @Test
    void aReading_standsUntilItIsStale_thenNothingIsKnown() throws Exception {
        var now = new AtomicLong();
        try (var backlog = new KafkaEnrichmentBacklog(unreachableAdmin(), Map.of("payment-risk", List.of("velocity")),
                Duration.ofMillis(100), now::get)) {
            backlog.took(Map.of("velocity", new KafkaEnrichmentBacklog.Behind(700, 300)));
            assertThat(backlog.of("payment-risk")).isEqualTo(new EnrichmentBacklog.Backlog(700, 1_000));

            now.addAndGet(Duration.ofSeconds(5).toNanos()); // 10 intervals are 1 s: at least 5 s
            assertThat(backlog.of("payment-risk")).as("5 s old").isEqualTo(new EnrichmentBacklog.Backlog(700, 1_000));
            now.addAndGet(1);
            assertThat(backlog.of("payment-risk")).as("stale").isEqualTo(EnrichmentBacklog.Backlog.NONE);
        }
    }

    /** An admin client of a broker nobody listens at: constructing it connects to nothing. */
    private static Admin unreachableAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 200, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                500));
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
