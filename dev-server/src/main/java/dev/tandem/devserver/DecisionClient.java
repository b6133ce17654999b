package dev.tandem.devserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The demo's view of decision-api: {@code POST /v1/decisions} and {@code GET /v1/decisions/{id}}. */
final class DecisionClient {


    /** decision-api answered with something other than the expected status. */
    static final class UnexpectedResponse extends Exception {
        UnexpectedResponse(int status, String body) {
            super("HTTP " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** decision-api does not answer at all. */
    static final class Unreachable extends Exception {
        Unreachable(String baseUrl, Throwable cause) {
            super("decision-api is not reachable at " + baseUrl + " (" + cause.getClass().getSimpleName() + ")."
                    + " Start Tandem with ./tandem up, or point the demo elsewhere with --api <url>.", cause);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    DecisionClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    DecisionView decide(DemoRequest request) throws Unreachable, UnexpectedResponse, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/decisions"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(request))));
        if (response.statusCode() != 201) {
            throw new UnexpectedResponse(response.statusCode(), response.body());
        }
        return DecisionView.of(json.readTree(response.body()));
    }

    DecisionView read(String decisionId) throws Unreachable, UnexpectedResponse, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/decisions/"
                + decisionId)).header("Accept", "application/json").GET());
        if (response.statusCode() != 200) {
            throw new UnexpectedResponse(response.statusCode(), response.body());
        }
        return DecisionView.of(json.readTree(response.body()));
    }

    String body(DemoRequest request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("amount", request.amount());
        attributes.put("currency", request.currency());
        attributes.put("merchantId", request.merchantId());
        attributes.put("ip", request.ip());
        attributes.put("deviceId", request.deviceId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flow", request.flow());
        body.put("entityId", request.entity().entityId());
        body.put("attributes", attributes);
        return json.writeValueAsString(body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Unreachable, InterruptedException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(baseUrl, e);
        }
    }
}
