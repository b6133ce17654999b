package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Admission hears the enrichers' backlog (ADR 0030), against the real broker: decision-api alone, payment-risk
 * requiring an enricher of this test's own whose consumer groups the test moves by hand (committed offsets, as an
 * enricher that has fallen behind would leave them; the backlog is per flow, so other tests' groups do not count). BULK is refused first, then STANDARD; CRITICAL never; once the groups catch up,
 * BULK is admitted again.
 */
class BacklogAdmissionIntegrationTests {

    @Test
    void enrichersBehind_refuseBulkThenStandard_neverCritical_untilTheyCatchUp() throws Exception {
        String enricher = "backlog-probe-" + UUID.randomUUID().toString().substring(0, 8);
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()));
                var platform = TandemPlatform.startApi(Map.of(
                        "tandem.flows.payment-risk.required-enrichers", enricher,
                        "tandem.api.admission.backlog.interval", "50ms",
                        "tandem.api.admission.backlog.bulk-limit", "3",
                        "tandem.api.admission.backlog.standard-limit", "5"))) {
            var api = new ApiClient(platform.apiBaseUrl());
            // the enricher has taken everything so far: nothing behind
            catchUp(admin, enricher);

            int bulkAdmitted = admitUntilRefused(api, "BULK");
            assertThat(bulkAdmitted).as("refused only once more than 3 wait").isGreaterThanOrEqualTo(4);
            ApiClient.Response bulk = api.postJson(body("BULK"));
            assertThat(bulk.status()).isEqualTo(503);
            assertThat(bulk.header("Retry-After")).isEqualTo("1");
            assertThat(bulk.json().get("type").asString()).isEqualTo("https://tandem.dev/problems/overloaded");
            assertThat(bulk.json().get("detail").asString()).startsWith("The enrichers are behind: ")
                    .contains("over BULK's limit of 3");
            // the main lane has nothing behind: STANDARD and CRITICAL go on
            assertThat(api.postJson(body("STANDARD")).status()).isEqualTo(201);
            assertThat(api.postJson(body("CRITICAL")).status()).isEqualTo(201);

            admitUntilRefused(api, "STANDARD");
            assertThat(api.postJson(body("STANDARD")).json().get("detail").asString())
                    .contains("over STANDARD's limit of 5");
            for (int i = 0; i < 5; i++) {
                assertThat(api.postJson(body("CRITICAL")).status()).as("CRITICAL, behind any backlog").isEqualTo(201);
            }
            assertThat(api.get("/actuator/prometheus").body())
                    .containsPattern("tandem_admission_refused_total\\{[^}]*priority=\"BULK\",reason=\"backlogged\"[^}]*} [1-9]")
                    .containsPattern("tandem_admission_backlog\\{[^}]*flow=\"payment-risk\",priority=\"BULK\"[^}]*} [1-9]");

            catchUp(admin, enricher);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.postJson(body("BULK")).status() == 201);
        }
    }

    /** Posts decisions of {@code priority} until one is refused; how many were admitted before it. */
    private static int admitUntilRefused(ApiClient api, String priority) throws InterruptedException {
        for (int admitted = 0; admitted < 200; admitted++) {
            ApiClient.Response response = api.postJson(body(priority));
            if (response.status() == 503) {
                return admitted;
            }
            assertThat(response.status()).isEqualTo(201);
            Thread.sleep(20); // the backlog is read every 50 ms
        }
        throw new AssertionError(priority + " never refused behind a growing backlog");
    }

    /** Commits the enricher's groups at the lanes' ends, as an enricher that has taken every decision would. */
    private static void catchUp(Admin admin, String enricher) throws Exception {
        for (String lane : List.of(Topics.DECISIONS, Topics.DECISIONS_BULK)) {
            var latest = new HashMap<TopicPartition, OffsetSpec>();
            admin.describeTopics(List.of(lane)).allTopicNames().get(10, TimeUnit.SECONDS).get(lane).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(lane, partition.partition()),
                            OffsetSpec.latest()));
            var ends = new HashMap<TopicPartition, OffsetAndMetadata>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            String group = lane.equals(Topics.DECISIONS) ? ConsumerGroups.enricher(enricher)
                    : ConsumerGroups.enricherBulk(enricher);
            admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
        }
    }

    private static String body(String priority) {
        return """
                {"flow":"payment-risk","entityId":"backlog-%s","priority":"%s",\
                "attributes":{"amount":25,"currency":"EUR","merchantId":"m-1"}}"""
                .formatted(UUID.randomUUID(), priority);
    }
}
