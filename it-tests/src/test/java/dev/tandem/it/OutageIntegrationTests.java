package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.tandem.devserver.KafkaBroker;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.RedisSleeper;
import dev.tandem.it.support.TandemPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The synchronous path when a dependency stalls or goes away, against real servers: a Kafka broker of this class's
 * own (so it can be stopped and started again) and the tests' Redis. A decision acknowledged with 2xx is never lost:
 * it ends FINAL or TIMED_OUT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageIntegrationTests {

    static final Duration WITHIN = Duration.ofSeconds(90);
    static final Pattern LOGGED_ONLY = Pattern.compile("tandem_decision_logged_only_total\\{[^}]*} ([0-9.E]+)");
    static final Pattern RELAYED = Pattern.compile(
            "tandem_outbox_relayed_total\\{[^}]*result=\"published\"[^}]*} ([0-9.E]+)");

    static Path brokerDir;
    static KafkaBroker broker;
    static TandemPlatform platform;
    static ApiClient api;
    static RedisSleeper sleeper;

    @BeforeAll
    static void start() throws Exception {
        brokerDir = Files.createTempDirectory(Path.of("target"), "outage-broker");
        broker = KafkaBroker.start(0, brokerDir);
        // deadlines long enough for an outage and the catch-up after it; the outbox relayed after a second
        // producers that give up on a send within 1.5 s: what the broker did not take while it was down is the
        // outbox relay's to publish, not the producer's buffer's
        platform = TandemPlatform.start(Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers(),
                "tandem.flows.payment-risk.deadline", "60s", "tandem.api.outbox.relay-after", "1s",
                "tandem.workers.retry-max-elapsed", "5s", "tandem.blender.retry-max-elapsed", "5s",
                "spring.kafka.producer.properties.delivery.timeout.ms", "1500",
                "spring.kafka.producer.properties.request.timeout.ms", "1000",
                // the store's share of a request's timeout: with Redis asleep, what the decision log gets to ack
                "tandem.api.store-reserve", "200ms"));
        api = new ApiClient(platform.apiBaseUrl());
        sleeper = new RedisSleeper();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (sleeper != null) {
            sleeper.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aStalledRedis_yieldsADegradedAnswerBeforeItWakes_madeDurableInTheLog_andTheDecisionEndsFinalOrTimedOut()
            throws Exception {
        // warm: the first reads after start-up may miss their timeout on a busy machine
        await().atMost(Duration.ofSeconds(30)).until(() -> !decide("warm-" + UUID.randomUUID(), "250ms")
                .get("degraded").asBoolean());

        // Redis asleep for 3 s: features and the outcome store both stall
        double loggedBefore = metric(LOGGED_ONLY);
        CompletableFuture<Instant> awake = sleeper.sleep(3);
        Thread.sleep(100); // the sleep is on the wire; let Redis begin it
        String entity = "stalled-" + UUID.randomUUID();
        ApiClient.Response response = api.post("/v1/decisions", "application/json", body(entity),
                Map.of("X-Request-Timeout", "250ms"));
        Instant answered = Instant.now();

        assertThat(response.status()).isEqualTo(201);
        JsonNode decision = response.json();
        assertThat(answered).isBefore(awake.get(10, TimeUnit.SECONDS));
        assertThat(decision.get("degraded").asBoolean()).isTrue();
        assertThat(decision.get("reasons").toString()).contains("online features").contains("defaults used");
        // the store did not answer in time: the decision was acknowledged once the decision log had it
        assertThat(metric(LOGGED_ONLY)).isEqualTo(loggedBefore + 1);
        JsonNode done = api.awaitDecision(decision.get("decisionId").asString(),
                OutageIntegrationTests::isFinished, WITHIN);
        assertThat(done).as("the decision, stored from the log").isNotNull();
        assertThat(done.get("status").asString()).isIn("FINAL", "TIMED_OUT");
    }

    @Test
    @Order(2)
    void theBrokerStoppedUnderLoad_andStartedAgain_everyAcknowledgedDecisionEndsFinalOrTimedOut() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        var refused = new AtomicInteger();
        int port = broker.port();

        double relayedBefore = metric(RELAYED);
        sendFor(Duration.ofSeconds(2), acknowledged, refused);
        broker.close();
        int before = acknowledged.size();
        sendFor(Duration.ofSeconds(4), acknowledged, refused); // the broker is down: answered, kept in the outbox
        int duringOutage = acknowledged.size() - before;
        broker = KafkaBroker.start(port, brokerDir);
        sendFor(Duration.ofSeconds(2), acknowledged, refused);

        assertThat(refused).hasValue(0);
        assertThat(duringOutage).isGreaterThan(20);
        for (String id : List.copyOf(acknowledged)) {
            JsonNode done = api.awaitDecision(id, OutageIntegrationTests::isFinished, WITHIN);
            assertThat(done).as("decision %s", id).isNotNull();
            assertThat(done.get("status").asString()).as("decision %s", id).isIn("FINAL", "TIMED_OUT");
        }
        // the producers had given up on them: the relay published what the outage kept
        assertThat(metric(RELAYED)).isGreaterThan(relayedBefore);
    }

    /** A counter of decision-api's, summed over its series. */
    private static double metric(Pattern series) {
        return api.metricSum(series);
    }

    /** Decisions at about 20 a second for {@code duration}, each of a new entity. */
    private static void sendFor(Duration duration, Set<String> acknowledged, AtomicInteger refused)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            ApiClient.Response response = api.postJson(body("load-" + UUID.randomUUID()));
            if (response.status() == 201) {
                acknowledged.add(response.json().get("decisionId").asString());
            } else {
                refused.incrementAndGet();
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode decide(String entity, String timeout) {
        ApiClient.Response response = api.post("/v1/decisions", "application/json", body(entity),
                Map.of("X-Request-Timeout", timeout));
        assertThat(response.status()).isEqualTo(201);
        return response.json();
    }

    private static String body(String entity) {
        return DecisionFlowIntegrationTests.decision(entity, 40, null);
    }

    static boolean isFinished(JsonNode document) {
        String status = document.get("status").asString();
        return "FINAL".equals(status) || "TIMED_OUT".equals(status);
    }
}
