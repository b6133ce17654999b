package dev.tandem.benchmarks.openloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTests {

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"one\"}";
    static final String TWO = OK.replace("one", "two");
    static final byte[] GET = HttpRequests.get("localhost", "/x");

    final Selector selector = open();
    final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    @AfterEach
    void close() throws IOException {
        selector.close();
    }

    @Test
    void exchange_readsAContentLengthAnswer_andKeepsTheConnectionForTheNext() throws Exception {
        try (var server = new FakeHttpServer().then(OK, false).then(TWO, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);

            assertThat(body(exchange(connection))).isEqualTo("{\"a\":\"one\"}");
            assertThat(body(exchange(connection))).isEqualTo("{\"a\":\"two\"}");
            assertThat(connection.opened()).isEqualTo(1);
        }
    }

    @Test
    void exchange_readsAChunkedAnswerThatComesInPieces_toItsEnd() throws Exception {
        try (var server = new FakeHttpServer().thenInPieces(false, "HTTP/1.1 201 Created\r\nTransfer-Enc",
                "oding: chunked\r\n\r\n4\r\n{\"de\r", "\nd;ext=1\r\ngraded\":true}\r\n0\r", "\n\r\n").then(OK, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);

            var answer = (Ended.Answered) exchange(connection);

            assertThat(answer.status()).isEqualTo(201);
            assertThat(body(answer)).isEqualTo("{\"degraded\":true}");
            assertThat(body(exchange(connection))).isEqualTo("{\"a\":\"one\"}"); // the chunked body was read to its end
            assertThat(connection.opened()).isEqualTo(1);
        }
    }

    @Test
    void exchange_afterConnectionClose_opensANewConnection_evenWhenTheServerLingers() throws Exception {
        String closing = OK.replace("Content-Length", "Connection: close\r\nContent-Length");
        try (var server = new FakeHttpServer().then(closing, false).then(TWO, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);

            exchange(connection);

            assertThat(body(exchange(connection))).isEqualTo("{\"a\":\"two\"}");
            assertThat(connection.opened()).isEqualTo(2);
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void exchange_aBodyThatEndsWithTheConnection_isReadToTheClose() throws Exception {
        try (var server = new FakeHttpServer().thenInPieces(true, "HTTP/1.0 200 OK\r\nConnection: close\r\n\r\n{\"a\"",
                ":1}")) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);

            assertThat(body(exchange(connection))).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void exchange_onAReusedConnectionClosedBeforeAnyAnswer_isSentOnceMoreOnANewOne() throws Exception {
        try (var server = new FakeHttpServer().then(OK, false).then("", true).then(TWO, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);
            exchange(connection);

            assertThat(body(exchange(connection))).isEqualTo("{\"a\":\"two\"}");
            assertThat(connection.opened()).isEqualTo(2);
        }
    }

    @Test
    void exchange_onAnIdleConnectionTheServerClosed_goesOnANewOne() throws Exception {
        try (var server = new FakeHttpServer().then(OK, true).then(TWO, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);
            exchange(connection);
            selector.select(key -> connection.ready(key, buffer), 5_000); // the close arrives while idle

            assertThat(body(exchange(connection))).isEqualTo("{\"a\":\"two\"}");
            assertThat(connection.opened()).isEqualTo(2);
        }
    }

    @Test
    void exchange_onANewConnectionClosedBeforeAnyAnswer_fails_notRetried() throws Exception {
        try (var server = new FakeHttpServer().then("", true).then(OK, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);

            var failed = (Ended.Failed) exchange(connection);

            assertThat(failed.error()).isInstanceOf(EOFException.class).hasMessageContaining("before any answer");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void exchange_anAnswerCutShort_fails_notRetried() throws Exception {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"";
        try (var server = new FakeHttpServer().then(OK, false).thenInPieces(true, cut).then(OK, false)) {
            var connection = new Connection(server.address(), selector, LoadRun.CONNECT_TIMEOUT);
            exchange(connection);

            var failed = (Ended.Failed) exchange(connection);

            assertThat(failed.error()).isInstanceOf(EOFException.class).hasMessageContaining("4 of 10 bytes");
            assertThat(server.accepted()).isEqualTo(1);
            assertThat(connection.busy()).isFalse();
        }
    }

    @Test
    void exchange_withNobodyListening_failsToConnect() throws Exception {
        InetSocketAddress nobody;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }
        var connection = new Connection(nobody, selector, LoadRun.CONNECT_TIMEOUT);

        var failed = (Ended.Failed) exchange(connection);

        assertThat(failed.error()).isInstanceOf(ConnectException.class);
        assertThat(connection.opened()).isZero();
    }

    @Test
    void exchange_aConnectThatDoesNotFinishInTime_failsAsAConnectTimeout_andClosesTheSocket() throws Exception {
        try (var backlog = new FullBacklog()) {
            var connection = new Connection(backlog.address(), selector, Duration.ofMillis(300));
            long start = System.nanoTime();

            var failed = (Ended.Failed) exchange(connection);

            assertThat(failed.error()).isInstanceOf(ConnectTimeoutException.class)
                    .hasMessageContaining("within 300 ms");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(connection.busy()).isFalse();
            assertThat(connection.opened()).isZero();
            assertThat(selector.keys()).allMatch(key -> !key.isValid());
        }
    }

    @Test
    void expire_endsOnlyASendStillConnectingAfterTheTimeout() throws Exception {
        try (var server = new FakeHttpServer().then(OK, false);
                var backlog = new FullBacklog()) {
            var connected = new Connection(server.address(), selector, Duration.ofMillis(300));
            var connecting = new Connection(backlog.address(), selector, Duration.ofMillis(300));
            exchange(connected);

            assertThat(connecting.start(new Send(1, 0, ByteBuffer.wrap(GET)))).isNull();

            long hourLater = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
            assertThat(connected.expire(hourLater)).isNull();
            assertThat(connecting.expire(System.nanoTime())).isNull();
            assertThat(connecting.expire(hourLater)).isInstanceOf(Ended.Failed.class);
        }
    }

    /** One send, driven as the event loop drives it (connects that take too long expired too), until it ends. */
    private Ended exchange(Connection connection) throws IOException {
        var ended = new @Nullable Ended[] { connection.start(new Send(0, 0, ByteBuffer.wrap(GET))) };
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ended[0] == null && System.nanoTime() < deadline) {
            selector.select(key -> {
                Ended now = connection.ready(key, buffer);
                if (now != null) {
                    ended[0] = now;
                }
            }, 100);
            if (ended[0] == null) {
                ended[0] = connection.expire(System.nanoTime());
            }
        }
        assertThat(ended[0]).as("the send ended").isNotNull();
        return ended[0];
    }

    private static String body(Ended ended) {
        assertThat(ended).isInstanceOf(Ended.Answered.class);
        return new String(((Ended.Answered) ended).body(), StandardCharsets.UTF_8);
    }

    private static Selector open() {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
