package dev.tandem.benchmarks.openloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadRunTests {

    static final LoadRun.Judge JUDGE = (status, body) -> status != 200 ? LoadRun.Kind.FAILED
            : new String(body, StandardCharsets.UTF_8).contains("\"degraded\":true") ? LoadRun.Kind.DEGRADED
                    : LoadRun.Kind.OK;

    HttpServer server;
    ExecutorService executor;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"degraded\":false}"));
        server.createContext("/degraded", exchange -> answer(exchange, 200, "{\"degraded\":true}"));
        server.createContext("/unavailable", exchange -> answer(exchange, 503, "{}"));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{\"degraded\":false}");
        });
        server.createContext("/never", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void run_answersEverySendOnce_andRecordsTheMeasuredWindowOnly() throws Exception {
        var plan = new LoadRun.Plan(200, Duration.ofMillis(500), Duration.ofSeconds(1), 4, Duration.ofSeconds(5));

        LoadResult result = LoadRun.run(address(), plan, i -> request("/ok"), JUDGE, line -> { });

        assertThat(result.sends()).isEqualTo(200);
        assertThat(result.ok()).isEqualTo(200);
        assertThat(result.latency().getTotalCount()).isEqualTo(200);
        assertThat(result.sendLag().getTotalCount()).isEqualTo(200);
        assertThat(result.accepted()).isEqualTo(300); // the warm-up's 100 too
        assertThat(result.errors()).isEmpty();
        assertThat(result.achievedPerSecond()).isPositive();
        assertThat(result.connections()).isBetween(1L, 4L);
    }

    @Test
    void run_countsWrongStatusesAsErrorsByKind_andDegradedAnswersApart() throws Exception {
        var plan = new LoadRun.Plan(200, Duration.ZERO, Duration.ofSeconds(1), 4, Duration.ofSeconds(5));

        LoadResult result = LoadRun.run(address(), plan, i -> request(i % 2 == 0 ? "/unavailable" : "/degraded"),
                JUDGE, line -> { });

        assertThat(result.errors()).isEqualTo(Map.of("HTTP 503", 100L));
        assertThat(result.degraded()).isEqualTo(100);
        assertThat(result.ok()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo(100); // degraded answers are answers
    }

    @Test
    void run_showsTheObserverEachMeasuredSendsStatusAndLatency_notTheWarmUps() throws Exception {
        var plan = new LoadRun.Plan(200, Duration.ofMillis(250), Duration.ofSeconds(1), 4, Duration.ofSeconds(5));
        var seen = new ConcurrentHashMap<Long, Integer>();
        var latencies = new ConcurrentLinkedQueue<Long>();

        LoadResult result = LoadRun.run(address(), plan, i -> request(i % 2 == 0 ? "/unavailable" : "/ok"), JUDGE,
                (i, status, micros) -> {
                    seen.put(i, status);
                    latencies.add(micros);
                }, line -> { });

        assertThat(seen).hasSize(200).containsEntry(50L, 503).containsEntry(51L, 200).doesNotContainKey(49L);
        assertThat(seen.keySet()).allMatch(i -> i >= 50 && i < 250);
        assertThat(latencies).allMatch(micros -> micros > 0);
        assertThat(result.errors()).isEqualTo(Map.of("HTTP 503", 100L)); // the judge still judges
    }

    @Test
    void run_sendsThatFindTheOnlyConnectionBusy_goOutOneAfterAnother_asAnswersFreeIt() throws Exception {
        var plan = new LoadRun.Plan(100, Duration.ZERO, Duration.ofMillis(200), 1, Duration.ofSeconds(5));

        LoadResult result = LoadRun.run(address(), plan, i -> request("/slow"), JUDGE, line -> { });

        assertThat(result.ok()).isEqualTo(20); // answers take 20 ms, sends are due every 10 ms
        assertThat(result.sendLag().getTotalCount()).isEqualTo(20);
        assertThat(result.connections()).isEqualTo(1);
    }

    @Test
    void run_aSendWithoutAnAnswer_isObservedWithStatusZero() throws Exception {
        var plan = new LoadRun.Plan(20, Duration.ZERO, Duration.ofMillis(500), 20, Duration.ofSeconds(1));
        var seen = new ConcurrentHashMap<Long, Integer>();

        LoadRun.run(address(), plan, i -> request("/never"), JUDGE, (i, status, micros) -> seen.put(i, status),
                line -> { });

        assertThat(seen).hasSize(10);
        assertThat(seen.values()).containsOnly(0);
    }

    @Test
    void run_sendsThatNeverGetAnAnswer_areErrorsAfterTheDrain() throws Exception {
        var plan = new LoadRun.Plan(20, Duration.ZERO, Duration.ofMillis(500), 2, Duration.ofSeconds(1));

        LoadResult result = LoadRun.run(address(), plan, i -> request("/never"), JUDGE, line -> { });

        assertThat(result.errors()).isEqualTo(Map.of("no answer within 1 s of the last send", 10L));
        assertThat(result.answered()).isZero();
    }

    @Test
    void run_againstAServerThatClosesAfterEachAnswer_answersEverySendOnANewConnection() throws Exception {
        var plan = new LoadRun.Plan(100, Duration.ZERO, Duration.ofMillis(200), 4, Duration.ofSeconds(5));
        String closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
        try (var fake = new FakeHttpServer()) {
            for (int i = 0; i < 20; i++) {
                fake.then(closing, true);
            }

            LoadResult result = LoadRun.run(fake.address(), plan, i -> request("/"), JUDGE, line -> { });

            assertThat(result.ok()).isEqualTo(20);
            assertThat(result.connections()).isEqualTo(20);
            assertThat(fake.accepted()).isEqualTo(20);
        }
    }

    @Test
    void run_withNobodyListening_countsEachSendAsAConnectError() throws Exception {
        var plan = new LoadRun.Plan(100, Duration.ZERO, Duration.ofMillis(200), 4, Duration.ofSeconds(5));
        InetSocketAddress nobody;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        LoadResult result = LoadRun.run(nobody, plan, i -> request("/"), JUDGE, line -> { });

        assertThat(result.errors()).isEqualTo(Map.of("ConnectException", 20L));
        assertThat(result.connections()).isZero();
    }

    @Test
    void run_againstAServerThatNeverAccepts_failsEachSendAfterTheConnectTimeout_andGoesOn() throws Exception {
        var plan = new LoadRun.Plan(10, Duration.ZERO, Duration.ofMillis(300), 2, Duration.ofSeconds(10));
        try (var backlog = new FullBacklog()) {
            long start = System.nanoTime();

            LoadResult result = LoadRun.run(backlog.address(), plan, i -> request("/"), JUDGE, line -> { });

            // two sends on the two connections time out together; the third, which waited, goes out then, and times out
            assertThat(result.errors()).isEqualTo(Map.of("ConnectTimeoutException", 3L));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
                    LoadRun.CONNECT_TIMEOUT.multipliedBy(2));
            assertThat(result.connections()).isZero();
        }
    }

    @Test
    void run_countsARequestThatCannotBeMade_asAnErrorOfItsKind() throws Exception {
        var plan = new LoadRun.Plan(100, Duration.ZERO, Duration.ofMillis(200), 4, Duration.ofSeconds(5));

        LoadResult result = LoadRun.run(address(), plan, i -> {
            if (i % 2 == 0) {
                throw new IllegalArgumentException("no request " + i);
            }
            return request("/ok");
        }, JUDGE, line -> { });

        assertThat(result.errors()).isEqualTo(Map.of("IllegalArgumentException", 10L));
        assertThat(result.ok()).isEqualTo(10);
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    }

    private byte[] request(String path) {
        return HttpRequests.get("localhost:" + server.getAddress().getPort(), path);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
