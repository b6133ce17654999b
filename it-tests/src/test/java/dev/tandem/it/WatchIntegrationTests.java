package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tandem.api.watch.OutcomeChange;
import dev.tandem.api.watch.OutcomeWatchers;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.SseClient;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Results to people, through the real pieces: a decision's changes stored by blender reach the clients waiting on
 * decision-api (a long poll, an event stream of the decision or of its flow) through the outcomes topic. The
 * provider answers after {@link #PROVIDER_LATENCY}, so every decision stays unfinished for that long: velocity's
 * merge comes first, ip-reputation's last.
 */
class WatchIntegrationTests {

    static final Duration PROVIDER_LATENCY = Duration.ofMillis(1500);
    static final Duration WITHIN = Duration.ofSeconds(30);
    static final int FLOW_BUFFER = 64;

    static ProviderSimulator provider;
    static TandemPlatform platform;
    static ApiClient api;
    static SseClient sse;

    @BeforeAll
    static void start() throws Exception {
        provider = ProviderSimulator.start(0, Behaviour.fixedLatency(PROVIDER_LATENCY));
        platform = TandemPlatform.start(Map.of(
                TandemPlatform.PROVIDER_URL, provider.baseUrl(),
                "tandem.workers.ip-reputation.read-timeout", "10s",
                // every answer takes PROVIDER_LATENCY on purpose: not a slow provider for the circuit to open on
                // (200 ms by default, which opened it after 10 decisions and timed the class's later ones out)
                "tandem.workers.ip-reputation.circuit.slow-call-duration", "5s",
                "tandem.workers.enrichers.ip-reputation.timeout", "15s",
                "tandem.flows.payment-risk.deadline", "1m",
                "tandem.api.watch.heartbeat", "200ms",
                "tandem.api.watch.flow-buffer", Integer.toString(FLOW_BUFFER),
                // a test adds partitions to the outcomes topic: blender publishes to them, and the feed reads them,
                // within a second or so, not after the defaults' 5 minutes and 1 minute
                "spring.kafka.producer.properties.metadata.max.age.ms", "1000",
                "tandem.api.watch.partition-check", "1s"));
        api = new ApiClient(platform.apiBaseUrl());
        sse = new SseClient(platform.apiBaseUrl());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    static String decide() {
        ApiClient.Response created = api.postJson("""
                {"flow":"payment-risk","entityId":"watch-%s","requestId":"%s",
                 "attributes":{"amount":42.0,"currency":"EUR","merchantId":"m-1","ip":"203.0.113.9"}}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("decisionId").asText();
    }

    static double longPolls(String result) {
        Counter counter = platform.api().getBean(MeterRegistry.class).find("tandem.watch.long.polls")
                .tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void get_withTheCurrentETag_is304_withAnOlderOne_theDocument() {
        String id = decide();
        JsonNode done = api.awaitDecision(id, d -> d.get("status").asText().equals("FINAL"), WITHIN);
        String etag = "\"" + done.get("version").asLong() + "\"";

        ApiClient.Response unchanged = api.get("/v1/decisions/" + id, "If-None-Match", etag);
        ApiClient.Response older = api.get("/v1/decisions/" + id, "If-None-Match", "\"1\"");

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.json().get("status").asText()).isEqualTo("FINAL");
    }

    @Test
    void longPoll_returnsWhenTheVersionIsStored_beforeItsTimeout() {
        String id = decide();
        double reachedBefore = longPolls("reached");

        ApiClient.Response answer = api.get("/v1/decisions/" + id + "?waitForVersion=3&timeout=45s");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("version").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(longPolls("reached")).isEqualTo(reachedBefore + 1);
    }

    @Test
    void longPoll_withoutAChange_answersTheCurrentDocumentAtItsTimeout() {
        String id = decide();
        double timedOutBefore = longPolls("timed_out");

        ApiClient.Response answer = api.get("/v1/decisions/" + id + "?waitForVersion=50&timeout=300ms");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("version").asLong()).isLessThan(50);
        assertThat(answer.header("ETag")).isEqualTo("\"" + answer.json().get("version").asLong() + "\"");
        assertThat(longPolls("timed_out")).isEqualTo(timedOutBefore + 1);
    }

    @Test
    void events_comeInVersionOrder_eachTheWholeDocument_withHeartbeats_andTheStreamEndsAfterFinal() {
        String id = decide();

        List<SseClient.Event> events;
        int heartbeats;
        try (SseClient.Connection stream = sse.open("/v1/decisions/" + id + "/events", Map.of())) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            events = assertTimeoutPreemptively(WITHIN, stream::rest);
            heartbeats = stream.comments();
        }

        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        long previous = 0;
        for (SseClient.Event event : events) {
            JsonNode document = event.json();
            assertThat(document.get("decisionId").asText()).isEqualTo(id);
            assertThat(Long.parseLong(event.id())).isGreaterThan(previous).isEqualTo(document.get("version").asLong());
            assertThat(event.name()).isEqualTo(switch (document.get("status").asText()) {
                case "PROVISIONAL" -> "provisional";
                case "ENRICHING" -> "enriched";
                default -> "final";
            });
            previous = Long.parseLong(event.id());
        }
        assertThat(events.getLast().name()).isEqualTo("final");
        assertThat(events.getLast().json().get("status").asText()).isEqualTo("FINAL");
        // each enricher's contribution, as the console shows it
        JsonNode results = events.getLast().json().get("enrichment").get("results");
        assertThat(results.get("velocity").get("status").asText()).isEqualTo("OK");
        assertThat(results.get("velocity").get("features").has("velocity_count_1h")).isTrue();
        assertThat(results.get("ip-reputation").get("status").asText()).isEqualTo("OK");
        assertThat(events.subList(0, events.size() - 1)).extracting(SseClient.Event::name).doesNotContain("final");
        // the provider holds the decision open for 1.5 s; heartbeats every 200 ms fill the silence
        assertThat(heartbeats).isPositive();
    }

    @Test
    void events_resumeAfterLastEventId_withTheNewestVersionOnly_andAClientWithTheFinalOneGets204() {
        String id = decide();
        SseClient.Event first;
        try (SseClient.Connection stream = sse.open("/v1/decisions/" + id + "/events", Map.of())) {
            first = assertTimeoutPreemptively(WITHIN, stream::next);
        }
        JsonNode done = api.awaitDecision(id, d -> d.get("status").asText().equals("FINAL"), WITHIN);
        long finalVersion = done.get("version").asLong();

        List<SseClient.Event> resumed;
        List<SseClient.Event> afterFinal;
        try (SseClient.Connection stream = sse.open("/v1/decisions/" + id + "/events",
                Map.of("Last-Event-ID", first.id()))) {
            resumed = assertTimeoutPreemptively(WITHIN, stream::rest);
        }
        int afterFinalStatus;
        try (SseClient.Connection stream = sse.open("/v1/decisions/" + id + "/events",
                Map.of("Last-Event-ID", Long.toString(finalVersion)))) {
            afterFinalStatus = stream.status;
            afterFinal = assertTimeoutPreemptively(WITHIN, stream::rest);
        }

        assertThat(first.name()).isNotEqualTo("final");
        assertThat(resumed).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("final");
            assertThat(event.id()).isEqualTo(Long.toString(finalVersion));
        });
        // the client has the settled version: 204, which tells an EventSource to stop reconnecting
        assertThat(afterFinalStatus).isEqualTo(204);
        assertThat(afterFinal).isEmpty();
    }

    @Test
    void events_ofAnUnknownDecision_isA404Problem_andABadLastEventIdA400NamingIt() {
        String id = decide();
        try (SseClient.Connection unknown = sse.open("/v1/decisions/no-such-decision/events", Map.of())) {
            assertThat(unknown.status).isEqualTo(404);
            assertThat(unknown.contentType).startsWith("application/problem+json");
            assertThat(unknown.body()).contains("no-such-decision");
        }
        try (SseClient.Connection bad = sse.open("/v1/decisions/" + id + "/events", Map.of("Last-Event-ID", "x"))) {
            assertThat(bad.status).isEqualTo(400);
            assertThat(bad.contentType).startsWith("application/problem+json");
            assertThat(bad.body()).contains("Last-Event-ID");
        }
    }

    @Test
    void aFlowsEvents_showEachChangeOfItsDecisions_andAnUnknownFlowIsA404Problem() {
        try (SseClient.Connection unknown = sse.open("/v1/flows/no-such-flow/events", Map.of())) {
            assertThat(unknown.status).isEqualTo(404);
            assertThat(unknown.contentType).startsWith("application/problem+json");
        }
        try (SseClient.Connection stream = sse.open("/v1/flows/payment-risk/events", Map.of())) {
            assertThat(stream.status).isEqualTo(200);
            String id = decide();

            SseClient.Event finalOne = assertTimeoutPreemptively(WITHIN, () -> {
                for (SseClient.Event event; (event = stream.next()) != null;) {
                    if (event.json().get("decisionId").asText().equals(id) && event.name().equals("final")) {
                        return event;
                    }
                }
                return null;
            });

            assertThat(finalOne).isNotNull();
            assertThat(finalOne.json().get("flow").asText()).isEqualTo("payment-risk");
            assertThat(finalOne.json().get("status").asText()).isEqualTo("FINAL");
            assertThat(finalOne.json().get("completedEnrichers")).hasSize(2);
        }
    }

    /**
     * Replicas: a decision made on one decision-api instance is followed to FINAL on another, which only the
     * outcomes topic tells (the instances share nothing in process). The replica's heartbeat is longer than the
     * test's patience, so its stream cannot learn of the changes by looking again on its own.
     */
    @Test
    void aDecisionMadeOnOneReplica_isFollowedToFinalOnAnother() {
        try (TandemPlatform replica = TandemPlatform.startApi(Map.of("tandem.api.watch.heartbeat", "5m"))) {
            // the replica's feed reads from the end of the topic once it has its partitions: wait for that
            MeterRegistry replicaMeters = replica.api().getBean(MeterRegistry.class);
            await().atMost(WITHIN).until(() -> replicaMeters.get("tandem.watch.feed.partitions").gauge().value() > 0);
            String id = decide();
            var other = new SseClient(replica.apiBaseUrl());

            List<SseClient.Event> events;
            try (SseClient.Connection stream = other.open("/v1/decisions/" + id + "/events", Map.of())) {
                events = assertTimeoutPreemptively(WITHIN, stream::rest);
            }

            // the stream began before the decision was final (the provider holds it 1.5 s), so only the feed can
            // have told the replica of what followed
            assertThat(events).hasSizeGreaterThanOrEqualTo(2);
            assertThat(events.getFirst().name()).isNotEqualTo("final");
            assertThat(events.getLast().name()).isEqualTo("final");
            assertThat(events.getLast().json().get("decisionId").asText()).isEqualTo(id);
        }
    }

    /**
     * A replica nobody watches reads nothing of the outcomes topic (ADR 0026), while the platform's decisions go on
     * changing there; a watcher that comes after such an idle spell is still told of its decision's changes, which
     * only the feed can tell it (the replica's heartbeat is longer than the test's patience). Twice: the idle spell
     * since the replica started, and one after a watcher came and went.
     */
    @Test
    void aReplicaNobodyWatches_readsNoOutcomes_andAWatcherAfterTheIdleSpellIsStillToldOfItsDecisionsChanges() {
        try (TandemPlatform replica = TandemPlatform.startApi(Map.of("tandem.api.watch.heartbeat", "5m",
                "tandem.api.watch.feed-pause-after", "0s"))) {
            MeterRegistry replicaMeters = replica.api().getBean(MeterRegistry.class);
            await().atMost(WITHIN).until(() -> replicaMeters.get("tandem.watch.feed.partitions").gauge().value() > 0);
            var other = new SseClient(replica.apiBaseUrl());

            decideAndFinishUnwatched();
            assertThat(replicaMeters.get("tandem.watch.feed.records").counter().count()).isZero();
            assertFollowedToFinal(other, decide());

            await().atMost(WITHIN).until(() -> replicaMeters.get("tandem.watch.feed.reading").gauge().value() == 0);
            double readBefore = replicaMeters.get("tandem.watch.feed.records").counter().count();
            decideAndFinishUnwatched();
            assertThat(replicaMeters.get("tandem.watch.feed.records").counter().count()).isEqualTo(readBefore);
            assertFollowedToFinal(other, decide());
            assertThat(replicaMeters.get("tandem.watch.feed.records").counter().count()).isGreaterThan(readBefore);
        }
    }

    /**
     * Partitions added to the outcomes topic while a replica nobody watches reads nothing are read from its next
     * watcher on: the feed asks the broker for them when reading resumes, not a partition check later (an hour
     * here), and not from its consumer's metadata (up to 5 minutes old). The decision followed is one that blender
     * publishes on a new partition.
     */
    @Test
    void partitionsAddedWhileNobodyWatches_areReadFromTheNextWatcherOn() {
        try (TandemPlatform replica = TandemPlatform.startApi(Map.of("tandem.api.watch.heartbeat", "5m",
                "tandem.api.watch.feed-pause-after", "0s", "tandem.api.watch.partition-check", "1h"))) {
            MeterRegistry replicaMeters = replica.api().getBean(MeterRegistry.class);
            await().atMost(WITHIN).until(() -> replicaMeters.get("tandem.watch.feed.partitions").gauge().value() > 0);
            int before = KafkaProbe.partitions(Topics.OUTCOMES);
            int after = before + 2;
            KafkaProbe.increasePartitions(Topics.OUTCOMES, after);
            KafkaTemplate<?, ?> outcomes = platform.blender().getBean("outcomeTemplate", KafkaTemplate.class);
            await().atMost(WITHIN).until(() -> outcomes.partitionsFor(Topics.OUTCOMES).size() == after);
            await().atMost(WITHIN).until(() -> platform.api().getBean(MeterRegistry.class)
                    .get("tandem.watch.feed.partitions").gauge().value() == after);

            String id = decide();
            for (int tries = 1; partition(id, after) < before && tries < 100; tries++) {
                id = decide();
            }
            assertThat(partition(id, after)).as("a decision published on a new partition").isGreaterThanOrEqualTo(before);
            assertFollowedToFinal(new SseClient(replica.apiBaseUrl()), id);

            String followed = id;
            assertThat(KafkaProbe.readToEnd(Topics.OUTCOMES)).filteredOn(r -> r.key().equals(followed))
                    .isNotEmpty().allSatisfy(r -> assertThat(r.partition()).isGreaterThanOrEqualTo(before));
            assertThat(replicaMeters.get("tandem.watch.feed.partitions").gauge().value()).isEqualTo(after);
        }
    }

    /** The partition a record keyed {@code key} goes to among {@code partitions}, as Kafka's producer picks it. */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Decisions on the main instance, followed to FINAL by plain GETs: they change on the outcomes topic. */
    static void decideAndFinishUnwatched() {
        List<String> ids = List.of(decide(), decide(), decide());
        for (String id : ids) {
            JsonNode last = api.awaitDecision(id, d -> d.get("status").asText().equals("FINAL"), WITHIN);
            assertThat(last).isNotNull();
            assertThat(last.get("status").asText()).isEqualTo("FINAL");
        }
    }

    /** The stream began before the decision was final (the provider holds it 1.5 s): it ends with {@code final}. */
    static void assertFollowedToFinal(SseClient client, String id) {
        List<SseClient.Event> events;
        try (SseClient.Connection stream = client.open("/v1/decisions/" + id + "/events", Map.of())) {
            events = assertTimeoutPreemptively(WITHIN, stream::rest);
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.getFirst().name()).isNotEqualTo("final");
        assertThat(events.getLast().name()).isEqualTo("final");
        assertThat(events.getLast().json().get("decisionId").asText()).isEqualTo(id);
    }

    /**
     * A client that stops reading: its socket buffers fill, its stream's writer blocks on the socket, and the flow's
     * changes meant for it wait in its bounded buffer; one more and the stream ends with an {@code overflow} event
     * (which the client reads once it reads again) instead of holding every change. The changes are told to the
     * watchers directly, thousands at once, each with a 1 KB entity id: the outcomes topic is not what is tested.
     */
    @Test
    void aSlowSubscriber_ofAFlow_getsAnOverflowEventAndTheEnd_notEveryChangeBuffered() throws Exception {
        int sent = 5_000;
        String flow = "payment-risk-deep";
        URI base = URI.create(platform.apiBaseUrl());
        try (var socket = new Socket()) {
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.getOutputStream().write(("GET /v1/flows/" + flow + "/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("HTTP/1.1 200");
            OutcomeWatchers watchers = platform.api().getBean(OutcomeWatchers.class);
            double overflowsBefore = overflows();

            String padding = "x".repeat(1_024);
            for (int i = 0; i < sent; i++) {
                if (i % 32 == 0) {
                    // a pace the writer keeps up with while the socket takes its bytes: what stops it is the socket
                    Thread.sleep(2);
                }
                watchers.changed(new OutcomeChange("slow-" + i, "default", flow, padding, OutcomeStatus.ENRICHING, 2,
                        Verdict.APPROVE, Verdict.APPROVE, 0.1, List.of("velocity"), List.of("ip-reputation"),
                        Instant.now()));
            }
            List<String> events = assertTimeoutPreemptively(WITHIN, () -> {
                var names = new ArrayList<String>();
                for (String line; (line = reader.readLine()) != null && !line.equals("0");) {
                    if (line.startsWith("event:")) {
                        names.add(line.substring("event:".length()).strip());
                    }
                }
                return names;
            });

            assertThat(events.getLast()).isEqualTo("overflow");
            assertThat(events.subList(0, events.size() - 1)).isNotEmpty().containsOnly("enriched");
            assertThat(events.size() - 1).isLessThan(sent - FLOW_BUFFER);
            assertThat(overflows()).isEqualTo(overflowsBefore + 1);
        }
    }

    static double overflows() {
        Counter counter = platform.api().getBean(MeterRegistry.class).find("tandem.watch.overflows")
                .tag("kind", "flow").counter();
        return counter == null ? 0 : counter.count();
    }
}
