package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.tandem.it.support.TandemPlatform;
import org.junit.jupiter.api.Test;

/** TandemPlatform starts the three services on their own free ports against the test infrastructure. */
class PlatformStartupIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void start_threeServices_answerHealthOnTheirOwnPorts_onlyDecisionApiServesAnApiDescription() throws Exception {
        try (var platform = TandemPlatform.start()) {
            List<String> baseUrls = List.of(platform.apiBaseUrl(), platform.workersBaseUrl(),
                    platform.blenderBaseUrl());

            assertThat(baseUrls).doesNotHaveDuplicates();
            for (String baseUrl : baseUrls) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(baseUrl).isEqualTo(200);
                assertThat(health.body()).as(baseUrl).contains("\"status\":\"UP\"");
                // springdoc is on the shared classpath, but only decision-api has a public API to describe
                HttpResponse<String> apiDocs = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(apiDocs.statusCode()).as(baseUrl)
                        .isEqualTo(baseUrl.equals(platform.apiBaseUrl()) ? 200 : 404);
            }
        }
    }
}
