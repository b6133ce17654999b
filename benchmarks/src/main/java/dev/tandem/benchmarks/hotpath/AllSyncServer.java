package dev.tandem.benchmarks.hotpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.Outcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The all-sync variant as a service: {@code POST /v1/decisions} on the JDK's HTTP server, one virtual thread per
 * request (decision-api's Jetty runs requests on virtual threads too), translating JSON to {@link AllSyncDecider} and back:
 * 201 with the decision's document (the fields of decision-api's), 400 naming the wrong fields, 503 when the outcome
 * could not be stored. No framework, so its floor is below decision-api's: the comparison favours it, if anything.
 */
final class AllSyncServer implements AutoCloseable {

    static final String PATH = "/v1/decisions";

    /** The document of a decision: the fields decision-api answers. */
    record Document(String decisionId, String flow, String entityId, String status, long version, String outcome,
            String provisionalOutcome, double score, List<String> reasons, ModelInfo model, Enrichment enrichment,
            boolean degraded, Instant createdAt, Instant updatedAt) {

        record Enrichment(List<String> required, List<String> completed, List<String> pending, Instant deadline) {
        }

        static Document of(Outcome o) {
            return new Document(o.decisionId(), o.flow(), o.entityId(), o.status().name(), o.version(),
                    o.verdict().name(), o.provisionalVerdict().name(), o.score(), o.reasons(), o.model(),
                    new Enrichment(o.requiredEnrichers(), o.completed(), o.pending(), o.deadline()), o.degraded(),
                    o.createdAt(), o.updatedAt());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AllSyncDecider decider;
    private final String tenant;
    private final JsonMapper json = JsonMapper.builder().build();

    private AllSyncServer(HttpServer server, ExecutorService executor, AllSyncDecider decider, String tenant) {
        this.server = server;
        this.executor = executor;
        this.decider = decider;
        this.tenant = tenant;
    }

    /** Starts on a free port of the loopback interface. */
    static AllSyncServer start(AllSyncDecider decider, String tenant) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        var allSync = new AllSyncServer(server, executor, decider, tenant);
        server.setExecutor(executor);
        server.createContext(PATH, allSync::decide);
        server.start();
        return allSync;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void decide(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
            respond(exchange, 404, Map.of("title", "no such resource"));
            return;
        }
        Map<?, ?> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readValue(in, Map.class);
        } catch (JacksonException e) {
            respond(exchange, 400, Map.of("title", "malformed JSON"));
            return;
        }
        String flow = body.get("flow") instanceof String text ? text : "";
        String entityId = body.get("entityId") instanceof String text ? text : "";
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (body.get("attributes") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> attributes.put(String.valueOf(name), value));
        }
        switch (decider.decide(tenant, flow, entityId, attributes)) {
            case AllSyncDecider.Decided decided -> respond(exchange, 201, Document.of(decided.outcome()));
            case AllSyncDecider.Invalid invalid -> respond(exchange, 400, Map.of("title", "invalid request",
                    "errors", invalid.violations().stream().map(AttributeViolation::field).toList()));
            case AllSyncDecider.Unavailable unavailable -> respond(exchange, 503, Map.of("title", "store unavailable",
                    "detail", unavailable.reason()));
        }
    }

    private void respond(HttpExchange exchange, int status, Object document) throws IOException {
        byte[] body = json.writeValueAsBytes(document);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
