package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.GroupProbe;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Priority lanes end to end: BULK decisions travel on their own topic, and each enricher pauses its BULK lane while
 * its urgent lane (CRITICAL, STANDARD) is behind or busy (ADR 0037), so under load BULK is what waits, and it finishes once
 * the load passes; traffic the urgent lane keeps up with leaves BULK its spare capacity.
 */
class PriorityLanesIntegrationTests {

    static final Duration WITHIN = Duration.ofSeconds(30);
    /**
     * The urgent lane counts as busy this long after its last work: long enough for the test's steps between the
     * first CRITICAL decision and the BULK ones, even on a slow machine.
     */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** Deadlines far enough away that BULK decisions, which wait, still end FINAL rather than TIMED_OUT. */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** payment-risk's enrichers and their consumer threads per lane (enrichment-workers.yml). */
    static final Map<String, Integer> ENRICHER_THREADS = Map.of("velocity", 3, "ip-reputation", 2);

    @Test
    void underCriticalLoad_bulkDecisionsWait_andFinishOnceTheLoadPasses() throws Exception {
        // every urgent poll counts as behind (it waited at least 0 ms): the lane is under load whenever it works
        try (var platform = TandemPlatform.start(Map.of("tandem.workers.bulk-grace", GRACE.toString(),
                "tandem.workers.bulk-yields-after", "0ms",
                "tandem.flows.payment-risk.deadline", DEADLINE.toString()))) {
            var api = new ApiClient(platform.apiBaseUrl());
            var workers = new ApiClient(platform.workersBaseUrl());
            awaitLanesSettled();
            // load on the urgent lane: each enricher pauses its BULK lane
            String warm = post(api, "CRITICAL", 0);
            api.awaitDecision(warm, DecisionFlowIntegrationTests::isFinal, WITHIN);
            for (String enricher : ENRICHER_THREADS.keySet()) {
                await().atMost(WITHIN).until(() -> bulkPaused(workers, enricher) == 1.0);
            }

            var bulk = new ArrayList<String>();
            for (int i = 0; i < 5; i++) {
                bulk.add(post(api, "BULK", i));
            }
            var critical = new ArrayList<String>();
            for (int i = 0; i < 15; i++) {
                critical.add(post(api, "CRITICAL", i));
                Thread.sleep(100); // pacing the load, not waiting for an outcome
            }
            Instant lastCritical = Instant.MIN;
            for (String id : critical) {
                JsonNode done = api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, WITHIN);
                assertThat(done.get("status").asString()).isEqualTo("FINAL");
                lastCritical = max(lastCritical, Instant.parse(done.get("updatedAt").asString()));
            }
            for (String id : bulk) {
                assertThat(api.get("/v1/decisions/" + id).json().get("status").asString())
                        .as("BULK decision %s while the urgent lane was busy", id).isEqualTo("PROVISIONAL");
            }

            for (String id : bulk) {
                // resumed once the urgent lane has been idle for the grace, well before the deadline
                JsonNode done = api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, GRACE.plus(WITHIN));
                assertThat(done.get("status").asString()).isEqualTo("FINAL");
                assertThat(Instant.parse(done.get("updatedAt").asString())).as("BULK decision %s", id)
                        .isAfter(lastCritical);
            }
            for (String enricher : ENRICHER_THREADS.keySet()) {
                await().atMost(WITHIN).until(() -> bulkPaused(workers, enricher) == 0.0);
            }
        }
    }

    @Test
    void underTrafficTheUrgentLaneKeepsUpWith_bulkDecisionsAreEnrichedMeanwhile() throws Exception {
        // a grace longer than the traffic lasts: were BULK to wait for an idle urgent lane, it would wait it out
        try (var platform = TandemPlatform.start(Map.of("tandem.workers.bulk-grace", "60s",
                "tandem.workers.bulk-yields-after", "3s",
                "tandem.flows.payment-risk.deadline", DEADLINE.toString()))) {
            var api = new ApiClient(platform.apiBaseUrl());
            var workers = new ApiClient(platform.workersBaseUrl());
            awaitLanesSettled();
            api.awaitDecision(post(api, "CRITICAL", 0), DecisionFlowIntegrationTests::isFinal, WITHIN);

            var bulk = new ArrayList<String>();
            for (int i = 0; i < 5; i++) {
                bulk.add(post(api, "BULK", i));
            }
            // CRITICAL decisions at about 10/s, a pace the urgent lane keeps up with, until every BULK one is final
            int sent = 1;
            long until = System.nanoTime() + WITHIN.toNanos();
            boolean allFinal;
            while (!(allFinal = bulk.stream().allMatch(id -> isFinal(api, id))) && System.nanoTime() - until < 0) {
                post(api, "CRITICAL", sent++);
                Thread.sleep(100);
            }
            assertThat(allFinal).as("every BULK decision final while CRITICAL traffic ran (%d sent)", sent).isTrue();

            for (String id : bulk) {
                // with the grace at 60 s, a BULK lane that waits for an idle urgent lane finishes none of them here
                JsonNode done = api.get("/v1/decisions/" + id).json();
                assertThat(done.get("status").asString()).as("BULK decision %s during the CRITICAL traffic", id)
                        .isEqualTo("FINAL");
            }
            // why BULK may run, as an operator reads it: each urgent lane's share of the last second at work
            for (String enricher : ENRICHER_THREADS.keySet()) {
                assertThat(gauge(workers, "tandem_enrichment_urgent_busy", enricher)).as(enricher).isBetween(0.0, 1.0);
            }
        }
    }

    /**
     * Both lanes of both enrichers settled: a partition assigned later could be polled once before the lane's next
     * check pauses it.
     */
    private static void awaitLanesSettled() {
        ENRICHER_THREADS.forEach((enricher, threads) -> await().atMost(WITHIN)
                .ignoreException(IllegalStateException.class).until(() ->
                        GroupProbe.ownsAllPartitions(ConsumerGroups.enricher(enricher), Topics.DECISIONS, threads)
                        && GroupProbe.ownsAllPartitions(ConsumerGroups.enricherBulk(enricher),
                                Topics.DECISIONS_BULK, threads)));
    }

    private static boolean isFinal(ApiClient api, String decisionId) {
        return DecisionFlowIntegrationTests.isFinal(api.get("/v1/decisions/" + decisionId).json());
    }

    private static String post(ApiClient api, String priority, int i) {
        String body = """
                {"flow":"payment-risk","entityId":"lane-%s-%d","priority":"%s",\
                "attributes":{"amount":%d,"currency":"EUR","merchantId":"m-1"}}"""
                .formatted(priority.toLowerCase(), i, priority, 10 + i);
        ApiClient.Response response = api.postJson(body);
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("decisionId").asString();
    }

    private static double bulkPaused(ApiClient workers, String enricher) {
        return gauge(workers, "tandem_enrichment_bulk_paused", enricher);
    }

    /** One enricher's value of a gauge on the workers' Prometheus page; -1 when it is not there. */
    private static double gauge(ApiClient workers, String name, String enricher) {
        Matcher matcher = Pattern.compile(Pattern.quote(name) + "\\{[^}]*enricher=\"" + Pattern.quote(enricher)
                + "\"[^}]*} ([0-9.Ee-]+)").matcher(workers.get("/actuator/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
