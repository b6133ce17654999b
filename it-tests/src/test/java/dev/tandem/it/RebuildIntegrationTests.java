package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.blender.rebuild.OutcomeRebuild;
import dev.tandem.blender.rebuild.RebuildCommand;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.it.support.TestInfrastructure;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

/** Kafka is the log of record: an emptied Redis is refilled from the topics with the same outcomes. */
class RebuildIntegrationTests {

    /** What must come out the same: the end state, its version, the answer, the score and the model. */
    record Essence(String status, long version, String verdict, double score, String model) {
        static Essence of(Outcome o) {
            return new Essence(o.status().name(), o.version(), o.verdict().name(), o.score(), o.model().name());
        }
    }

    @Test
    void rebuildFromTheTopics_intoAnEmptiedRedis_yieldsTheSameOutcomes() {
        var ids = new ArrayList<String>();
        try (var platform = TandemPlatform.start(Map.of("tandem.flows.payment-risk.deadline", "60s"))) {
            var api = new ApiClient(platform.apiBaseUrl());
            for (int i = 0; i < 12; i++) {
                ids.add(api.postJson(DecisionFlowIntegrationTests.decision("rb-entity-" + (i % 3), 30 + 70 * i, null))
                        .json().get("decisionId").asString());
            }
            for (String id : ids) {
                assertThat(api.awaitDecision(id, DecisionFlowIntegrationTests::isFinal, Duration.ofSeconds(30))
                        .get("status").asString()).isEqualTo("FINAL");
            }
        }
        RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
        try (var redis = client.connect()) {
            var store = new RedisOutcomeStore(redis.async(), Duration.ofHours(1));
            Map<String, Essence> before = essences(store, ids);
            redis.sync().flushdb();
            assertThat(store.find("default", ids.getFirst()).toCompletableFuture().join()).isEmpty();

            OutcomeRebuild.Report report = RebuildCommand.run(
                    "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                    "--spring.data.redis.url=" + TestInfrastructure.redisUrl());

            assertThat(report.decisions()).isGreaterThanOrEqualTo(ids.size());
            assertThat(report.results()).isGreaterThanOrEqualTo(ids.size());
            assertThat(essences(store, ids)).isEqualTo(before);
        }
        finally {
            client.shutdown();
        }
    }

    private static Map<String, Essence> essences(RedisOutcomeStore store, List<String> ids) {
        var essences = new LinkedHashMap<String, Essence>();
        for (String id : ids) {
            essences.put(id, Essence.of(store.find("default", id).toCompletableFuture().join().orElseThrow()));
        }
        return essences;
    }
}
