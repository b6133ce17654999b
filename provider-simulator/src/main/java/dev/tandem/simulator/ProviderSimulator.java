package dev.tandem.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the external IP-reputation provider, on the JDK's own HTTP server with one virtual thread per
 * exchange (so a slow answer holds no platform thread).
 *
 * <ul>
 * <li>{@code GET /v1/ip/{ip}} → 200 {@code {"ip":"…","riskScore":0.0123,"proxy":false,"countryMismatch":false}},
 * the same for the same IP every time ({@link Reputation#of}); 400 when the path does not hold an IP address. Each
 * answer first waits as the current {@link Behaviour} says, then fails with its error status at its error rate.</li>
 * <li>{@code GET /admin/behaviour} → the current behaviour as JSON; {@code POST /admin/behaviour} with some of its
 * fields ({@code {"baseLatencyMs":2000}}) changes those at once and answers the result; 400 names a bad field.</li>
 * </ul>
 *
 * <p>Started in process by {@code ./tandem up} (port 18090), by it-tests and by the pipeline benchmark (free ports);
 * alone with {@code java -jar provider-simulator-*.jar [--port 18090] [--bind 0.0.0.0] [--behaviour '{json}']}.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class ProviderSimulator implements AutoCloseable {

    /** The port of the local run ({@code ./tandem up --simulator-port} chooses another). */
    public static final int DEFAULT_PORT = 18090;

    private static final String LOOKUP_PATH = "/v1/ip/";
    private static final String ADMIN_PATH = "/admin/behaviour";

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile Behaviour behaviour;

    private ProviderSimulator(HttpServer server, ExecutorService executor, Behaviour behaviour) {
        this.server = server;
        this.executor = executor;
        this.behaviour = behaviour;
    }

    /** Starts on the loopback interface; {@code port} 0 picks a free one. */
    public static ProviderSimulator start(int port, Behaviour behaviour) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), behaviour);
    }

    /**
     * Starts on {@code address} and returns once it accepts connections.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static ProviderSimulator start(InetSocketAddress address, Behaviour behaviour) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        var simulator = new ProviderSimulator(server, executor, behaviour);
        server.setExecutor(executor);
        server.createContext(LOOKUP_PATH, simulator::lookup);
        server.createContext(ADMIN_PATH, simulator::admin);
        server.createContext("/", exchange -> respond(exchange, 404, error("no such resource")));
        server.start();
        return simulator;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:PORT}, the enricher's {@code tandem.workers.ip-reputation.base-url}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** How it behaves now. */
    public Behaviour behaviour() {
        return behaviour;
    }

    /** Behave as {@code next} from the next request on (requests already waiting keep their draw). */
    public void behave(Behaviour next) {
        behaviour = next;
    }

    /** Lookups asked for so far ({@code GET /v1/ip/…}), answered or not. */
    public long lookups() {
        return lookups.get();
    }

    /** The most lookups it has been answering at once so far. */
    public int peakConcurrentLookups() {
        return peakInFlight.get();
    }

    private void lookup(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("use GET"));
            return;
        }
        lookups.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Answer answer;
        try {
            answer = answer(exchange);
        } finally {
            // before the answer is written: a client that has read it may send its next lookup at once
            inFlight.decrementAndGet();
        }
        if (answer == null) {
            exchange.close();
            return;
        }
        respond(exchange, answer.status(), answer.body());
    }

    /** What a lookup answers. */
    private record Answer(int status, String body) {
    }

    /** Waits the drawn latency and decides the answer; {@code null} when interrupted meanwhile. */
    private @Nullable Answer answer(HttpExchange exchange) {
        Behaviour now = behaviour;
        var random = ThreadLocalRandom.current();
        Duration latency = now.drawLatency(random);
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (now.drawFailure(random)) {
            return new Answer(now.errorStatus(), error("simulated failure"));
        }
        String ip = exchange.getRequestURI().getPath().substring(LOOKUP_PATH.length());
        if (!Reputation.isAddress(ip)) {
            return new Answer(400, error("not an IP address: " + ip.replaceAll("[^\\w.:-]", "?")));
        }
        return new Answer(200, Reputation.of(ip).toJson());
    }

    private void admin(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> respond(exchange, 200, behaviour.toJson());
            case "POST" -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                }
                try {
                    Map<String, Object> changes = FlatJson.parse(body);
                    synchronized (this) {
                        behaviour = behaviour.with(changes);
                    }
                } catch (IllegalArgumentException e) {
                    respond(exchange, 400, error(e.getMessage()));
                    return;
                }
                respond(exchange, 200, behaviour.toJson());
            }
            default -> respond(exchange, 405, error("use GET or POST"));
        }
    }

    private static String error(String message) {
        return "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "'") + "\"}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening and abandons the answers still waiting. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs the simulator alone until the JVM stops.
     *
     * @param args {@code --port <port>} (default 18090), {@code --bind <address>} (default 127.0.0.1; 0.0.0.0 in a
     *        container), {@code --behaviour <json>} (changes to {@link Behaviour#realistic()})
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Behaviour behaviour = Behaviour.realistic();
        InetSocketAddress address;
        try {
            Map<String, String> options = SimulatorArgs.parse(args);
            if (options.containsKey("--behaviour")) {
                behaviour = behaviour.with(FlatJson.parse(options.get("--behaviour")));
            }
            int port = Integer.parseInt(options.getOrDefault("--port", Integer.toString(DEFAULT_PORT)));
            address = new InetSocketAddress(options.getOrDefault("--bind", "127.0.0.1"), port);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        var simulator = start(address, behaviour);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "provider-simulator-stop"));
        System.out.println("IP-reputation provider simulator on " + address.getHostString() + ":" + simulator.port()
                + ", behaviour " + behaviour.toJson());
        Thread.currentThread().join();
    }
}
