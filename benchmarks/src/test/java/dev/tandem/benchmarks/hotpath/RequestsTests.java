package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import dev.tandem.benchmarks.openloop.LoadRun;
import dev.tandem.benchmarks.platform.DecisionRequests;
import org.junit.jupiter.api.Test;

class RequestsTests {

    @Test
    void judge_floorsPromise200_decisions201_andADegradedAnswerIsCountedApart() {
        assertThat(Requests.judge(Target.NOOP).judge(200, bytes("{\"floor\":\"noop\"}"))).isEqualTo(LoadRun.Kind.OK);
        assertThat(Requests.judge(Target.FEATURES).judge(200, bytes("{\"degraded\":true}")))
                .isEqualTo(LoadRun.Kind.DEGRADED);
        assertThat(Requests.judge(Target.DECISION).judge(201, bytes("{\"x\":1,\"degraded\":false}")))
                .isEqualTo(LoadRun.Kind.OK);
        assertThat(Requests.judge(Target.DECISION).judge(200, bytes("{}"))).isEqualTo(LoadRun.Kind.FAILED);
        assertThat(Requests.judge(Target.ALL_SYNC).judge(503, bytes("{}"))).isEqualTo(LoadRun.Kind.FAILED);
    }

    @Test
    void of_sendsTheSameDecisionsToBothDecisionTargets_onTheirOwnServers() {
        var requests = new Requests(8080, 9090, new DecisionRequests(10));

        String hybrid = new String(requests.of(Target.DECISION).apply(7), StandardCharsets.UTF_8);
        String allSync = new String(requests.of(Target.ALL_SYNC).apply(7), StandardCharsets.UTF_8);

        assertThat(hybrid).startsWith("POST /v1/decisions HTTP/1.1\r\nHost: localhost:8080\r\n");
        assertThat(allSync).startsWith("POST /v1/decisions HTTP/1.1\r\nHost: localhost:9090\r\n");
        assertThat(body(hybrid)).isEqualTo(body(allSync)).contains("\"entityId\":\"bench-e-7\"");
        assertThat(new String(requests.of(Target.FEATURES).apply(17), StandardCharsets.UTF_8))
                .startsWith("GET /floor/features/bench-e-7 HTTP/1.1");
        assertThat(requests.server(Target.ALL_SYNC).getPort()).isEqualTo(9090);
    }

    @Test
    void decisions_carryEachDecisionsPriorityFromTheMix_toDecisionApi() {
        var requests = new Requests(8080, 9090, new DecisionRequests(10));

        String critical = new String(requests.decisions(Mix.DEFAULT).apply(9), StandardCharsets.UTF_8);
        String bulk = new String(requests.decisions(Mix.DEFAULT).apply(10), StandardCharsets.UTF_8);

        assertThat(critical).startsWith("POST /v1/decisions HTTP/1.1\r\nHost: localhost:8080\r\n");
        assertThat(body(critical)).contains("\"priority\":\"CRITICAL\"", "\"entityId\":\"bench-e-9\"");
        assertThat(body(bulk)).contains("\"priority\":\"BULK\"");
        assertThat(body(new String(requests.of(Target.DECISION).apply(9), StandardCharsets.UTF_8)))
                .doesNotContain("priority");
        assertThat(Requests.judge(Target.OVERLOAD).judge(503, bytes("{}"))).isEqualTo(LoadRun.Kind.FAILED);
        assertThat(Requests.judge(Target.OVERLOAD).judge(201, bytes("{}"))).isEqualTo(LoadRun.Kind.OK);
    }

    private static String body(String request) {
        return request.substring(request.indexOf("\r\n\r\n") + 4);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
