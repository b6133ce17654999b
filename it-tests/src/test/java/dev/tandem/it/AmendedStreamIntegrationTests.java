package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.SseClient;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decision's event stream stays open through a timeout that a late result may still amend: the provider answers
 * after the flow's deadline, so the outcome is TIMED_OUT first (sent as {@code enriched}: ip-reputation is still
 * pending and the flow amends), then AMENDED by the late result, which settles it ({@code final}).
 */
class AmendedStreamIntegrationTests {

    static final Duration PROVIDER_LATENCY = Duration.ofMillis(3000);
    static final Duration WITHIN = Duration.ofSeconds(30);

    static ProviderSimulator provider;
    static TandemPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        provider = ProviderSimulator.start(0, Behaviour.fixedLatency(PROVIDER_LATENCY));
        platform = TandemPlatform.start(Map.of(TandemPlatform.PROVIDER_URL, provider.baseUrl(),
                "tandem.workers.ip-reputation.read-timeout", "10s",
                "tandem.workers.enrichers.ip-reputation.timeout", "15s",
                "tandem.workers.ip-reputation.circuit.slow-call-duration", "10s",
                "tandem.flows.payment-risk.deadline", "1s",
                "tandem.flows.payment-risk.amend-after-timeout", "true"));
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

    @Test
    void aTimedOutDecisionThatALateResultMayAmend_isNotFinal_untilTheLateResultSettlesIt() {
        ApiClient.Response created = new ApiClient(platform.apiBaseUrl()).postJson("""
                {"flow":"payment-risk","entityId":"amend-%s","requestId":"%s",
                 "attributes":{"amount":42.0,"currency":"EUR","merchantId":"m-1","ip":"203.0.113.9"}}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()));
        String id = created.json().get("decisionId").asString();

        List<SseClient.Event> events;
        try (SseClient.Connection stream = new SseClient(platform.apiBaseUrl())
                .open("/v1/decisions/" + id + "/events", Map.of())) {
            events = assertTimeoutPreemptively(WITHIN, stream::rest);
        }

        assertThat(events).filteredOn(event -> event.json().get("status").asString().equals("TIMED_OUT"))
                .isNotEmpty().allSatisfy(event -> {
                    assertThat(event.name()).isEqualTo("enriched");
                    assertThat(event.json().get("enrichment").get("pending")).extracting(n -> n.asString())
                            .containsExactly("ip-reputation");
                });
        SseClient.Event last = events.getLast();
        assertThat(last.name()).isEqualTo("final");
        assertThat(last.json().get("status").asString()).isEqualTo("AMENDED");
        assertThat(last.json().get("enrichment").get("pending")).isEmpty();
    }
}
