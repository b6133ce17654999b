package dev.tandem.workers.ipreputation;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tandem.workers.enrichment.EnrichmentAnswer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One lookup at the provider, {@code GET <base-url>/v1/ip/<ip>}, turned into an answer and how the call ended. Blocks
 * its (virtual) thread for at most the connect timeout plus the read timeout. Thread-safe.
 */
final class ReputationClient implements AutoCloseable {

    /** An answer for the enricher, and how the call ended for the metrics and the circuit breaker. */
    record Lookup(CallOutcome outcome, EnrichmentAnswer answer) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROVIDER_SAYS = "ip-reputation provider ";

    private final HttpClient http;
    private final String base;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param http a client built with {@code connectTimeout}; closed with this
     */
    ReputationClient(HttpClient http, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.http = http;
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The client for {@code properties}: HTTP/1.1 (no upgrade round trip), with the connect timeout. */
    static ReputationClient of(IpReputationProperties properties) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        return new ReputationClient(http, properties.baseUrl(), properties.connectTimeout(), properties.readTimeout());
    }

    Lookup lookup(String ip) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/ip/" + URLEncoder.encode(ip,
                StandardCharsets.UTF_8))).timeout(readTimeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            return retryable(CallOutcome.CONNECT_ERROR, "did not accept a connection within " + millis(connectTimeout));
        } catch (HttpTimeoutException e) {
            return retryable(CallOutcome.TIMEOUT, "did not answer within " + millis(readTimeout));
        } catch (ConnectException e) {
            return retryable(CallOutcome.CONNECT_ERROR, "unreachable at " + base);
        } catch (IOException e) {
            return retryable(CallOutcome.IO_ERROR, "connection failed: " + e.getMessage());
        }
        return answer(response.statusCode(), response.body());
    }

    private static Lookup answer(int status, String body) {
        if (status == 429) {
            return retryable(CallOutcome.THROTTLED, "answered 429 (too many requests)");
        }
        if (status >= 500 && status <= 599) {
            return retryable(CallOutcome.ERROR_5XX, "answered " + status);
        }
        if (status >= 400 && status <= 499) {
            return new Lookup(CallOutcome.ERROR_4XX, EnrichmentAnswer.permanent(PROVIDER_SAYS + "answered " + status
                    + ": " + abbreviate(body)));
        }
        if (status < 200 || status > 299) {
            return retryable(CallOutcome.BAD_RESPONSE, "answered " + status);
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode score = json.get("riskScore");
            if (score == null || !score.isNumber() || !(score.doubleValue() >= 0 && score.doubleValue() <= 1)) {
                return retryable(CallOutcome.BAD_RESPONSE, "answered without a riskScore from 0 to 1: "
                        + abbreviate(body));
            }
            Map<String, Double> features = new LinkedHashMap<>();
            features.put(IpReputationEnricher.IP_RISK, score.doubleValue());
            flag(json, "proxy", IpReputationEnricher.IP_PROXY, features);
            flag(json, "countryMismatch", IpReputationEnricher.IP_COUNTRY_MISMATCH, features);
            return new Lookup(CallOutcome.OK, EnrichmentAnswer.features(features));
        } catch (JacksonException e) {
            return retryable(CallOutcome.BAD_RESPONSE, "answered something that is not JSON: " + abbreviate(body));
        }
    }

    private static void flag(JsonNode json, String field, String feature, Map<String, Double> features) {
        JsonNode value = json.get(field);
        if (value != null && value.isBoolean()) {
            features.put(feature, value.booleanValue() ? 1.0 : 0.0);
        }
    }

    private static Lookup retryable(CallOutcome outcome, String what) {
        return new Lookup(outcome, EnrichmentAnswer.retryable(PROVIDER_SAYS + what));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public void close() {
        http.close();
    }
}
