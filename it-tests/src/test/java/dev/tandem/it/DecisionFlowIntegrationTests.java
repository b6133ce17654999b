package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import dev.tandem.schemas.FeatureGroups;
import dev.tandem.schemas.Headers;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.EnrichmentStatus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * One decision's whole journey through the real pieces: decision-api, Kafka, enrichment-workers,
 * blender and Redis, all started once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecisionFlowIntegrationTests {

    static final Duration FINAL_WITHIN = Duration.ofSeconds(30);
    static final Duration DEADLINE = Duration.ofMinutes(3);

    static TandemPlatform platform;
    static ApiClient api;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() {
        // deadlines far beyond the test's waits: an outcome that ends here ends FINAL, never by its deadline
        platform = TandemPlatform.start(Map.of("tandem.workers.retry-max-elapsed", "1s",
                "tandem.blender.retry-max-elapsed", "1s", "tandem.flows.payment-risk.deadline", DEADLINE.toString()));
        api = new ApiClient(platform.apiBaseUrl());
        redisClient = RedisClient.create(TestInfrastructure.redisUrl());
        redis = redisClient.connect();
        var features = new RedisFeatureStore(redis.async());
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            features.write(RedisKeys.DEFAULT_TENANT, "it-entity-" + i, new FeatureGroupWrite(FeatureGroups.PROFILE,
                    now, now.plus(Duration.ofDays(1)), Map.of("account_age_days", 400.0, "avg_amount", 50.0,
                            "chargebacks_90d", 0.0))).toCompletableFuture().join();
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** A payment of {@code entityId} from an address of its own (so the ip-reputation lookup has one to look up). */
    static String decision(String entityId, double amount, String requestId) {
        String id = requestId == null ? "" : "\"requestId\":\"" + requestId + "\",";
        return """
                {"flow":"payment-risk","entityId":"%s",%s"attributes":{"amount":%s,"currency":"EUR","merchantId":"m-1","ip":"%s"}}"""
                .formatted(entityId, id, amount, ipOf(entityId));
    }

    /** The address {@link #decision} sends for {@code entityId}: one of 198.51.100.0/24, the same every time. */
    static String ipOf(String entityId) {
        return "198.51.100." + (1 + Math.floorMod(entityId.hashCode(), 254));
    }

    static boolean isFinal(JsonNode document) {
        return "FINAL".equals(document.get("status").asString());
    }

    @Test
    @Order(1)
    void badRequests_getProblemJson_andLeaveRedisAndKafkaUntouched() {
        long keysBefore = redis.sync().dbsize();
        long recordsBefore = KafkaProbe.endOffsets(Topics.DECISIONS);

        List<ApiClient.Response> responses = List.of(
                api.postJson("{\"flow\": "),
                api.postJson("{\"flow\":\"nope\",\"entityId\":\"e\",\"attributes\":{}}"),
                api.postJson("{\"entityId\":\"e\",\"attributes\":{\"amount\":1}}"),
                api.postJson("{\"flow\":\"payment-risk\",\"entityId\":\"e\",\"attributes\":{\"amount\":\"ten\",\"currency\":\"EUR\",\"merchantId\":\"m\"}}"),
                api.postJson("{\"flow\":\"payment-risk\",\"entityId\":\"e\",\"priority\":\"URGENT\",\"attributes\":{}}"),
                api.post("/v1/decisions", "text/plain", "amount=1"),
                api.postJson(decision("e", 1, "x".repeat(20_000))),
                api.postJsonChunked(decision("e", 1, "x".repeat(20_000))));

        assertThat(responses).extracting(ApiClient.Response::status).containsExactly(400, 400, 400, 400, 400, 415, 413, 413);
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("type").asString()).startsWith("https://tandem.dev/problems/");
        });
        assertThat(responses.get(3).json().get("errors").get(0).get("field").asString()).isEqualTo("attributes.amount");
        assertThat(redis.sync().dbsize()).isEqualTo(keysBefore);
        assertThat(KafkaProbe.endOffsets(Topics.DECISIONS)).isEqualTo(recordsBefore);
    }

    @Test
    @Order(2)
    void manyDecisions_allReachFinal_throughKafkaAndTheBlender() {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            ApiClient.Response response = api.postJson(decision("it-entity-" + (i % 5), 20 + i, null));
            assertThat(response.status()).isEqualTo(201);
            JsonNode document = response.json();
            assertThat(document.get("status").asString()).isEqualTo("PROVISIONAL");
            assertThat(document.get("model").get("name").asString()).isEqualTo("payment-risk-fast");
            assertThat(document.get("model").get("version").asString()).isEqualTo("1");
            assertThat(response.header("Location")).isEqualTo("/v1/decisions/" + document.get("decisionId").asString());
            ids.add(document.get("decisionId").asString());
        }

        for (String id : ids) {
            JsonNode last = api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);
            assertThat(last.get("status").asString()).as("decision %s", id).isEqualTo("FINAL");
            assertThat(last.get("version").asLong()).as("v1, one result, the other").isEqualTo(3);
            assertThat(last.get("model").get("name").asString()).isEqualTo("payment-risk-full");
            assertThat(last.get("model").get("version").asString()).isEqualTo("1");
            assertThat(last.get("enrichment").get("completed")).extracting(JsonNode::asString)
                    .containsExactly("velocity", "ip-reputation");
            assertThat(last.get("enrichment").get("pending")).isEmpty();
            assertThat(last.get("reasons").toString()).as("no enricher failed").doesNotContain("enricher velocity")
                    .doesNotContain("enricher ip-reputation").doesNotContain("velocity_count")
                    .doesNotContain("ip_risk");
        }
    }

    @Test
    @Order(3)
    void getWithItsETag_isNotModified() {
        String id = api.postJson(decision("it-entity-0", 10, null)).json().get("decisionId").asString();
        api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);

        ApiClient.Response current = api.get("/v1/decisions/" + id);
        assertThat(current.header("ETag")).isEqualTo("\"3\"");
        assertThat(api.get("/v1/decisions/" + id, "If-None-Match", "\"3\"").status()).isEqualTo(304);
        assertThat(api.get("/v1/decisions/" + id, "If-None-Match", "\"1\"").status()).isEqualTo(200);
        assertThat(api.get("/v1/decisions/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void sameEnrichmentDeliveredTwice_changesTheOutcomeOnce() {
        String id = api.postJson(decision("it-entity-1", 15, null)).json().get("decisionId").asString();
        JsonNode first = api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);
        ConsumerRecord<String, byte[]> result = KafkaProbe.read(Topics.ENRICHMENTS,
                records -> records.stream().anyMatch(r -> id.equals(r.key())), FINAL_WITHIN)
                .stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        double duplicatesBefore = duplicates();

        KafkaProbe.send(Topics.ENRICHMENTS, id, result.value());

        awaitTrue(() -> duplicates() > duplicatesBefore);
        JsonNode after = api.get("/v1/decisions/" + id).json();
        assertThat(after.get("version").asLong()).isEqualTo(first.get("version").asLong()).isEqualTo(3);
        assertThat(after.get("score").asDouble()).isEqualTo(first.get("score").asDouble());
        assertThat(after.get("updatedAt").asString()).isEqualTo(first.get("updatedAt").asString());
    }

    @Test
    @Order(5)
    void malformedRecords_goToTheDeadLetterTopicsWithTheReason_andLaterRecordsStillFlow() {
        String poison = "poison-" + UUID.randomUUID();
        byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);

        KafkaProbe.send(Topics.DECISIONS, poison, garbage);
        KafkaProbe.send(Topics.ENRICHMENTS, poison, garbage);

        for (String topic : List.of(Topics.DECISIONS, Topics.ENRICHMENTS)) {
            ConsumerRecord<String, byte[]> dead = KafkaProbe.read(Topics.deadLetter(topic),
                    records -> records.stream().anyMatch(r -> poison.equals(r.key())), FINAL_WITHIN)
                    .stream().filter(r -> poison.equals(r.key())).findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter for " + topic));
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(header(dead, Headers.DEAD_LETTER_REASON)).contains("not Avro single-object encoding");
            assertThat(header(dead, Headers.DEAD_LETTER_RETRYABLE)).isEqualTo("false");
            assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
        }
        String id = api.postJson(decision("it-entity-2", 30, null)).json().get("decisionId").asString();
        assertThat(api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN).get("status").asString())
                .isEqualTo("FINAL");
    }

    @Test
    @Order(6)
    void concurrentDuplicatesOfOneRequestId_yieldOneDecision() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        int callers = 16;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<ApiClient.Response>>();
        try (var pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.postJson(decision("it-entity-3", 42, requestId));
                }));
            }
            start.countDown();
        }
        var responses = new ArrayList<ApiClient.Response>();
        for (Future<ApiClient.Response> result : results) {
            responses.add(result.get());
        }

        assertThat(responses).extracting(r -> r.json().get("decisionId").asString()).containsOnly(
                responses.getFirst().json().get("decisionId").asString());
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(callers - 1);
        String id = responses.getFirst().json().get("decisionId").asString();
        api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);
        List<ConsumerRecord<String, byte[]>> published = KafkaProbe.read(Topics.DECISIONS, records -> false,
                Duration.ofSeconds(3));
        assertThat(published).filteredOn(r -> id.equals(r.key())).hasSize(1);
    }

    @Test
    @Order(7)
    void modelsEndpoint_listsActiveVersions_andRefusesAMissingOneWhileTheCurrentKeepsServing() {
        var blender = new ApiClient(platform.blenderBaseUrl());

        assertThat(blender.get("/actuator/models").json().get("payment-risk-full").get("version").asString()).isEqualTo("1");
        ApiClient.Response refused = blender.post("/actuator/models", "application/json",
                "{\"name\":\"payment-risk-full\",\"version\":\"99\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("no model file payment-risk-full/99/card.json");
        assertThat(blender.get("/actuator/models").json().get("payment-risk-full").get("version").asString()).isEqualTo("1");
        String id = api.postJson(decision("it-entity-4", 25, null)).json().get("decisionId").asString();
        assertThat(api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN).get("model").get("name")
                .asString()).isEqualTo("payment-risk-full");
    }

    @Test
    @Order(8)
    void everyNewVersion_isAnnouncedOnRedisPubSub_forLiveReaders() throws Exception {
        var messages = new java.util.concurrent.LinkedBlockingQueue<String>();
        try (var subscription = redisClient.connectPubSub()) {
            subscription.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    messages.add(message);
                }
            });
            subscription.sync().subscribe(RedisKeys.outcomeUpdates(RedisKeys.DEFAULT_TENANT));

            String id = api.postJson(decision("it-entity-4", 33, null)).json().get("decisionId").asString();

            String expected = "{\"decisionId\":\"" + id + "\",\"version\":3,\"status\":\"FINAL\"}";
            long deadline = System.nanoTime() + FINAL_WITHIN.toNanos();
            String message = null;
            while (System.nanoTime() < deadline && !expected.equals(message)) {
                message = messages.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(message).isEqualTo(expected);
        }
    }

    @Test
    @Order(9)
    void servicesExposeTheStalenessAndConsistencyMetrics_onPrometheus() {
        String blender = new ApiClient(platform.blenderBaseUrl()).get("/actuator/prometheus").body();
        String workers = new ApiClient(platform.workersBaseUrl()).get("/actuator/prometheus").body();
        String decisions = api.get("/actuator/prometheus").body();

        assertThat(blender).contains("tandem_enrichment_lag_seconds_bucket{", "tandem_outcome_time_to_final_seconds_count{",
                "tandem_outcome_duplicates_total{", "tandem_outcome_in_flight ", "tandem_dead_letters_total{")
                .containsPattern("tandem_consumer_lag_time_seconds\\{[^}]*group=\"tandem-blender\"[^}]*topic=\"tandem.enrichments\"");
        assertThat(workers).contains("tandem_enrichment_duration_seconds_count{")
                .containsPattern("tandem_consumer_lag_time_seconds\\{[^}]*group=\"tandem-enricher-velocity\"")
                .containsPattern("tandem_consumer_lag_time_seconds\\{[^}]*group=\"tandem-enricher-ip-reputation\"")
                .containsPattern("tandem_external_calls_total\\{[^}]*outcome=\"ok\"[^}]*provider=\"ip-reputation\"")
                .contains("tandem_external_call_duration_seconds_bucket{")
                .containsPattern("tandem_circuit_state\\{[^}]*provider=\"ip-reputation\"[^}]*} 0.0");
        assertThat(decisions).contains("tandem_decision_latency_seconds_bucket{")
                .containsPattern("lettuce_command_completion_seconds_bucket\\{[^}]*command=\"EVALSHA\"")
                // the decision endpoint is not an annotated controller method (ADR 0034), and still names its route
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\"[^}]*"
                        + "uri=\"/v1/decisions\"");
        assertThat(blender).containsPattern("lettuce_command_completion_seconds_bucket\\{[^}]*command=\"EVALSHA\"");
    }

    @Test
    @Order(10)
    void outcomesThatGoFinal_leaveTheInFlightGauge_longBeforeTheirDeadline() {
        var ids = new ArrayList<String>();
        Instant firstDeadline = null;
        for (int i = 0; i < 10; i++) {
            JsonNode provisional = api.postJson(decision("it-entity-" + (i % 5), 30 + i, null)).json();
            ids.add(provisional.get("decisionId").asString());
            if (firstDeadline == null) {
                firstDeadline = Instant.parse(provisional.get("enrichment").get("deadline").asString());
            }
        }
        for (String id : ids) {
            api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);
        }

        awaitTrue(() -> inFlight() == 0);

        assertThat(Instant.now()).as("the gauge fell before the deadlines passed").isBefore(firstDeadline);
    }

    @Test
    @Order(11)
    void flowWithTheHeavyModel_goesFinalWithDeepRiskScoreRecorded_andDeepRiskBatchesAreMetered() throws Exception {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            ApiClient.Response response = api.postJson(decision("it-entity-" + (i % 5), 40 + i, null)
                    .replace("\"payment-risk\"", "\"payment-risk-deep\""));
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json().get("enrichment").get("required")).extracting(JsonNode::asString)
                    .containsExactly("velocity", "ip-reputation", "deep-risk");
            ids.add(response.json().get("decisionId").asString());
        }
        var store = new RedisOutcomeStore(redis.async(), Duration.ofHours(1));

        for (String id : ids) {
            JsonNode last = api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, FINAL_WITHIN);
            assertThat(last.get("version").asLong()).as("decision %s", id).isEqualTo(4);
            assertThat(last.get("model").get("name").asString()).isEqualTo("payment-risk-full");
            assertThat(last.get("enrichment").get("pending")).isEmpty();
            Outcome outcome = store.find(RedisKeys.DEFAULT_TENANT, id).toCompletableFuture().get().orElseThrow();
            EnrichmentResult deep = outcome.enrichments().get("deep-risk");
            assertThat(deep.status()).isEqualTo(EnrichmentStatus.OK);
            assertThat(deep.version()).isEqualTo("payment-risk-deep/1");
            assertThat(deep.features()).containsOnlyKeys("deep_risk_score");
            assertThat(deep.features().get("deep_risk_score")).isBetween(0.0, 1.0);
            assertThat(outcome.allFeatures()).containsKey("deep_risk_score").containsKey("velocity_count_1m");
        }
        String workers = new ApiClient(platform.workersBaseUrl()).get("/actuator/prometheus").body();
        assertThat(workers)
                .containsPattern("tandem_enrichment_batch_size_count\\{[^}]*enricher=\"deep-risk\"")
                .containsPattern("tandem_enrichment_duration_seconds_count\\{[^}]*enricher=\"deep-risk\"")
                .containsPattern("tandem_enrichment_results_total\\{[^}]*enricher=\"deep-risk\"[^}]*status=\"OK\"")
                .containsPattern("tandem_enrichment_batch_target\\{[^}]*enricher=\"deep-risk\"")
                .containsPattern("tandem_consumer_lag_time_seconds\\{[^}]*group=\"tandem-enricher-deep-risk\"");
    }

    /** {@code tandem.outcome.in.flight} as the blender reports it. */
    private static double inFlight() {
        return platform.blender().getBean(MeterRegistry.class).get("tandem.outcome.in.flight").gauge().value();
    }

    /** Results ignored as already applied, of every enricher. */
    private static double duplicates() {
        var meters = platform.blender().getBean(MeterRegistry.class);
        return meters.find("tandem.outcome.duplicates").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + FINAL_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + FINAL_WITHIN);
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
