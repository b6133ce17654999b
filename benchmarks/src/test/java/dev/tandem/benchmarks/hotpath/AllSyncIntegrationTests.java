package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.tandem.benchmarks.platform.DecisionRequests;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.devserver.RedisServerProcess;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The all-sync server as the benchmark builds it (from the services' own classes and configuration files) against a
 * real redis-server and the provider simulator: the wiring a unit test of {@link AllSyncDecider} cannot show.
 */
class AllSyncIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aDecision_isAnsweredFinal_afterVelocityAndIpReputationRanInline_andIsStoredInRedis() throws Exception {
        try (var redis = RedisServerProcess.start(0, dir);
                var provider = ProviderSimulator.start(0, Behaviour.instant());
                var context = AllSyncContext.start(redis.url(), provider.baseUrl());
                var server = AllSyncServer.start(context.decider(), context.tenant())) {
            RedisClient client = RedisClient.create(redis.url());
            try (var connection = client.connect()) {
                var decisions = new DecisionRequests(3);
                decisions.loadFeatures(new RedisFeatureStore(connection.async()));

                HttpResponse<String> answer = post(server.port(), decisions.body(1));
                HttpResponse<String> invalid = post(server.port(), "{\"flow\":\"payment-risk\",\"entityId\":\"e\","
                        + "\"attributes\":{\"currency\":\"EUR\",\"merchantId\":\"m-1\"}}");

                assertThat(answer.statusCode()).isEqualTo(201);
                JsonNode document = JsonMapper.builder().build().readTree(answer.body());
                assertThat(document.path("status").asString()).isEqualTo("FINAL");
                assertThat(document.path("model").path("name").asString()).isEqualTo("payment-risk-full");
                assertThat(document.path("enrichment").path("completed").toString())
                        .isEqualTo("[\"velocity\",\"ip-reputation\"]");
                assertThat(document.path("degraded").asBoolean()).isFalse();
                assertThat(document.path("reasons").toString()).doesNotContain("enricher", "unknown");
                assertThat(provider.lookups()).isEqualTo(1);
                assertThat(connection.sync().exists(RedisKeys.velocity("default", "bench-e-1"),
                        RedisKeys.outcome("default", document.path("decisionId").asString()))).isEqualTo(2);
                assertThat(invalid.statusCode()).isEqualTo(400);
                assertThat(invalid.body()).contains("attributes.amount");
            } finally {
                client.shutdown();
            }
        }
    }

    private static HttpResponse<String> post(int port, String json) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + AllSyncServer.PATH))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
