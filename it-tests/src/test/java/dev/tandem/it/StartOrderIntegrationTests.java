package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.tandem.devserver.KafkaBroker;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The services may start in any order. Each topic is created by the service that writes it, with the configured
 * partitions; a consumer that starts first must wait for it, not auto-create it with the broker's default of one
 * partition: the owner would then add the others, and the consumer would go on reading partition 0 alone until its
 * next metadata refresh (five minutes), leaving the decisions on the other partitions to time out. Against a broker
 * of its own, so that no topic exists yet.
 */
class StartOrderIntegrationTests {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(60);
    private static final int PARTITIONS = 6;

    @Test
    void consumersStartedBeforeTheTopicsOwners_waitForTheTopics_andReadEveryPartition(@TempDir Path dir)
            throws Exception {
        try (var kafka = KafkaBroker.start(0, dir.resolve("kafka"));
                var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
            Map<String, String> properties = Map.of("spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "tandem.topics.partitions", Integer.toString(PARTITIONS),
                    "tandem.flows.payment-risk.deadline", "PT3M");
            // blender reads tandem.enrichments (enrichment-workers') and tandem.decisions (decision-api's) ...
            try (var blender = TandemPlatform.startBlender(properties)) {
                awaitGroups(admin, Set.of("tandem-blender"));
                assertNotCreated(admin, Topics.ENRICHMENTS, Topics.DECISIONS, Topics.DECISIONS_BULK);
                // blender alone has the dead-letter topics it writes (the broker does not auto-create them)
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(Topics.deadLetter(
                                Topics.DECISIONS), Topics.deadLetter(Topics.DECISIONS_BULK),
                                Topics.deadLetter(Topics.ENRICHMENTS)));
                // ... and enrichment-workers tandem.decisions: both consumers are polling before the owners exist
                try (var workers = TandemPlatform.startWorkers(properties)) {
                    awaitGroups(admin, Set.of("tandem-blender", "tandem-enricher-velocity",
                            "tandem-enricher-ip-reputation"));
                    assertNotCreated(admin, Topics.DECISIONS, Topics.DECISIONS_BULK);
                    try (var decisionApi = TandemPlatform.startApi(properties)) {
                        var api = new ApiClient(decisionApi.apiBaseUrl());
                        var ids = new ArrayList<String>();
                        for (int i = 0; i < 30; i++) {
                            ApiClient.Response response = api.postJson(DecisionFlowIntegrationTests.decision(
                                    "start-order-" + i, 20 + i, null));
                            assertThat(response.status()).as(response.body()).isEqualTo(201);
                            ids.add(response.json().get("decisionId").asString());
                        }

                        for (String id : ids) {
                            JsonNode last = api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);
                            assertThat(last).as("decision %s", id).isNotNull();
                            assertThat(last.get("status").asString()).as("decision %s: %s", id, last)
                                    .isEqualTo("FINAL");
                        }
                        Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.DECISIONS,
                                Topics.ENRICHMENTS, Topics.OUTCOMES)).allTopicNames().get(10, TimeUnit.SECONDS);
                        assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions())
                                .as(topic.name()).hasSize(PARTITIONS));
                    }
                }
            }
        }
    }

    /**
     * decision-api started while its broker is down: priming the producer's metadata gives up after its timeout
     * rather than hold the start, and decisions are answered, their announcements kept in the outbox (ADR 0014). The
     * timeout is a safety net for a start that would never end, not a measure of how long it takes.
     */
    @Test
    @Timeout(180)
    void decisionApiStartedWhileTheBrokerIsDown_startsAndAnswers_keepingTheAnnouncementsInTheOutbox() throws Exception {
        try (var decisionApi = TandemPlatform.startApi(Map.of(
                "spring.kafka.bootstrap-servers", "localhost:" + freePort(),
                "spring.kafka.admin.operation-timeout", "2s"))) {
            var api = new ApiClient(decisionApi.apiBaseUrl());

            String id = decideWhileTheBrokerIsDown(api, decisionApi, "broker-down");

            assertThat(api.get("/v1/decisions/" + id).json().get("status").asString()).isEqualTo("PROVISIONAL");
        }
    }

    /**
     * decision-api started while its broker is down, the broker started afterwards: once the broker answers,
     * decision-api creates its topics with the configured partitions (Spring's {@code KafkaAdmin} alone tries only at
     * start; ADR 0027), and the outbox relay publishes the announcement kept meanwhile. The broker does not
     * auto-create topics, so nothing else could have created them.
     */
    @Test
    @Timeout(240)
    void decisionApiStartedBeforeTheBroker_createsItsTopicsOnceTheBrokerAnswers_andPublishesTheOutbox(
            @TempDir Path dir) throws Exception {
        int port = freePort();
        try (var decisionApi = TandemPlatform.startApi(Map.of(
                "spring.kafka.bootstrap-servers", "localhost:" + port,
                // short attempts while the broker is down, retried every second
                "spring.kafka.admin.operation-timeout", "2s",
                "spring.kafka.admin.close-timeout", "1s",
                "tandem.topics.retry-interval", "1s",
                "tandem.topics.partitions", Integer.toString(PARTITIONS)))) {
            var api = new ApiClient(decisionApi.apiBaseUrl());
            OutcomeStore outcomes = decisionApi.api().getBean(OutcomeStore.class);
            String id = decideWhileTheBrokerIsDown(api, decisionApi, "broker-later");
            assertThat(health(api, "kafkaTopics")).isEqualTo("UNKNOWN");

            try (var kafka = KafkaBroker.start(port, dir.resolve("kafka"));
                    var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.bootstrapServers()))) {
                await().atMost(FINAL_WITHIN).ignoreExceptions().untilAsserted(() -> assertThat(admin
                        .describeTopics(Topics.DECISION_LANES).allTopicNames().get(10, TimeUnit.SECONDS).values())
                        .allSatisfy(topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(PARTITIONS)));
                await().atMost(FINAL_WITHIN).until(() -> outcomes.unpublished(Instant.now().plusSeconds(60), 10_000)
                        .toCompletableFuture().join().stream().noneMatch(entry -> entry.decisionId().equals(id)));

                assertThat(KafkaProbe.readToEnd(kafka.bootstrapServers(), Topics.DECISIONS))
                        .extracting(ConsumerRecord::key).contains(id);
                assertThat(health(api, "kafkaTopics")).isEqualTo("UP");
            }
        }
    }

    /** A decision answered while the broker is down: its announcement is in the outbox once the publish failed. */
    private static String decideWhileTheBrokerIsDown(ApiClient api, TandemPlatform decisionApi, String entity) {
        MeterRegistry meters = decisionApi.api().getBean(MeterRegistry.class);
        ApiClient.Response response = api.postJson(DecisionFlowIntegrationTests.decision(entity, 20, null));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        await().atMost(FINAL_WITHIN).until(() -> meters.find("tandem.decision.publish.failures").counters()
                .stream().mapToDouble(Counter::count).sum() > 0);
        return response.json().get("decisionId").asString();
    }

    /** The status of one component of decision-api's health. */
    private static String health(ApiClient api, String component) {
        return api.get("/actuator/health").json().at("/components/" + component + "/status").asString();
    }

    /** A port nobody listens on a moment ago. */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Topics consumers have asked for but their writers have not created (yet) must not exist. */
    private static void assertNotCreated(Admin admin, String... topics) throws Exception {
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                .as("topics asked for by consumers before their writers started").doesNotContain(topics);
    }

    /** Waits until the broker knows these consumer groups: their consumers have asked for their topics. */
    private static void awaitGroups(Admin admin, Set<String> groups) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<String> known = Set.of();
        while (System.nanoTime() < deadline) {
            known = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream().map(GroupListing::groupId)
                    .collect(Collectors.toSet());
            if (known.containsAll(groups)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(known).as("consumer groups on the broker").containsAll(groups);
    }
}
