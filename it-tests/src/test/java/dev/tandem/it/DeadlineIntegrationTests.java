package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.KafkaProbe;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import dev.tandem.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * With the enrichment workers down, every acknowledged decision still ends: the blender times it out
 * at its deadline, the provisional answer standing (guarantee 1).
 */
class DeadlineIntegrationTests {

    static final Duration WITHIN = Duration.ofSeconds(30);

    static TandemPlatform platform;
    static ApiClient api;

    @BeforeAll
    static void startWithoutWorkers() {
        platform = TandemPlatform.start(Map.of("tandem.flows.payment-risk.deadline", "2s",
                "tandem.blender.sweep-interval", "100ms"));
        platform.workers().close();
        api = new ApiClient(platform.apiBaseUrl());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static boolean timedOut(JsonNode document) {
        return "TIMED_OUT".equals(document.get("status").asString());
    }

    @Test
    void decisionNobodyEnriches_timesOutAtItsDeadline_withTheProvisionalAnswerStanding() {
        JsonNode provisional = api.postJson(DecisionFlowIntegrationTests.decision("dl-entity", 40, null)).json();
        String id = provisional.get("decisionId").asString();

        JsonNode last = api.awaitDecision(id, DeadlineIntegrationTests::timedOut, WITHIN);

        assertThat(last.get("status").asString()).isEqualTo("TIMED_OUT");
        assertThat(last.get("version").asLong()).isEqualTo(2);
        assertThat(last.get("outcome").asString()).isEqualTo(provisional.get("outcome").asString());
        assertThat(last.get("model").get("name").asString()).isEqualTo("payment-risk-fast");
        assertThat(last.get("enrichment").get("pending")).extracting(JsonNode::asString)
                .containsExactly("velocity", "ip-reputation");
        assertThat(last.get("reasons").toString()).contains("deadline passed with [velocity, ip-reputation] missing");
        assertThat(Instant.parse(last.get("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(provisional.get("enrichment").get("deadline").asString()));
    }

    @Test
    void resultArrivingAfterTheTimeout_amendsTheOutcome_asTheFlowAllows() {
        String id = api.postJson(DecisionFlowIntegrationTests.decision("dl-entity", 60, null)).json().get("decisionId")
                .asString();
        api.awaitDecision(id, DeadlineIntegrationTests::timedOut, WITHIN);
        var late = EnrichmentCompleted.newBuilder().setDecisionId(id).setTenant("default").setFlow("payment-risk")
                .setEntityId("dl-entity").setEnricher("velocity").setEnricherVersion("1").setStatus(EnrichmentStatus.OK)
                .setReason(null).setFeatures(Map.of("velocity_count_1m", 12.0, "velocity_count_1h", 12.0,
                        "velocity_count_24h", 12.0, "velocity_sum_1h", 720.0, "velocity_sum_24h", 720.0))
                .setEventTime(Instant.now()).setComputedAt(Instant.now()).build();

        KafkaProbe.send(Topics.ENRICHMENTS, id,
                new AvroSerializer<>(EnrichmentCompleted.class).serialize(Topics.ENRICHMENTS, late));

        JsonNode amended = api.awaitDecision(id, d -> "AMENDED".equals(d.get("status").asString()), WITHIN);
        assertThat(amended.get("status").asString()).isEqualTo("AMENDED");
        assertThat(amended.get("version").asLong()).isEqualTo(3);
        assertThat(amended.get("model").get("name").asString()).isEqualTo("payment-risk-full");
        assertThat(amended.get("reasons").toString()).contains("amended after TIMED_OUT by the late velocity result");
    }

    @Test
    void decisionWhoseOutcomeWasNeverStored_isRebuiltFromTheLog_andStillEnds() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        var event = DecisionMade.newBuilder().setDecisionId(id).setTenant("default").setFlow("payment-risk")
                .setEntityId("dl-entity").setRequestId(null).setPriority(Priority.STANDARD)
                .setAttributes(Map.of("amount", 40.0)).setFeatures(Map.of("amount", 40.0)).setVerdict(Verdict.APPROVE)
                .setScore(0.05).setModel(new ModelRef("payment-risk-fast", "1")).setRequiredEnrichers(List.of("velocity"))
                .setReasons(List.of()).setEventTime(now).setDecidedAt(now).setDeadline(now.plusSeconds(2)).build();

        KafkaProbe.send(Topics.DECISIONS, id, new AvroSerializer<>(DecisionMade.class).serialize(Topics.DECISIONS, event));

        JsonNode last = api.awaitDecision(id, DeadlineIntegrationTests::timedOut, WITHIN);
        assertThat(last).as("outcome of %s", id).isNotNull();
        assertThat(last.get("status").asString()).isEqualTo("TIMED_OUT");
        assertThat(last.get("outcome").asString()).isEqualTo("APPROVE");
    }
}
