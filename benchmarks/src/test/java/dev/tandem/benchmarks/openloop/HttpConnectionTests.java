package dev.tandem.benchmarks.openloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HttpConnectionTests {

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"one\"}";
    static final byte[] GET = HttpRequests.get("localhost", "/x");

    @Test
    void exchange_readsAContentLengthAnswer_andKeepsTheConnectionForTheNext() throws Exception {
        try (var server = new FakeHttpServer().then(OK, false).then(OK.replace("one", "two"), false);
                var connection = new HttpConnection(server.address())) {

            HttpConnection.Answer first = connection.exchange(GET);
            HttpConnection.Answer second = connection.exchange(GET);

            assertThat(first.status()).isEqualTo(200);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"one\"}");
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"two\"}");
            assertThat(connection.opened()).isEqualTo(1);
        }
    }

    @Test
    void exchange_readsAChunkedAnswer() throws Exception {
        String chunked = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n{\"de\r\nd;ext=1\r\ngraded\":true}\r\n0\r\n\r\n";
        try (var server = new FakeHttpServer().then(chunked, false).then(OK, false);
                var connection = new HttpConnection(server.address())) {

            HttpConnection.Answer answer = connection.exchange(GET);

            assertThat(answer.status()).isEqualTo(201);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"degraded\":true}");
            assertThat(connection.exchange(GET).status()).isEqualTo(200); // the chunked body was read to its end
        }
    }

    @Test
    void exchange_afterConnectionClose_opensANewConnection() throws Exception {
        String closing = OK.replace("Content-Length", "Connection: close\r\nContent-Length");
        try (var server = new FakeHttpServer().then(closing, true).then(OK, false);
                var connection = new HttpConnection(server.address())) {

            connection.exchange(GET);
            HttpConnection.Answer second = connection.exchange(GET);

            assertThat(second.status()).isEqualTo(200);
            assertThat(connection.opened()).isEqualTo(2);
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void exchange_onAReusedConnectionTheServerClosedSilently_isSentOnceMoreOnANewOne() throws Exception {
        try (var server = new FakeHttpServer().then(OK, true).then(OK.replace("one", "two"), false);
                var connection = new HttpConnection(server.address())) {
            connection.exchange(GET);
            Thread.sleep(50); // the server's close has arrived

            HttpConnection.Answer second = connection.exchange(GET);

            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"two\"}");
            assertThat(connection.opened()).isEqualTo(2);
        }
    }

    @Test
    void exchange_anAnswerCutShort_isAnError_notRetried() throws Exception {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"";
        try (var server = new FakeHttpServer().then(cut, true).then(OK, false);
                var connection = new HttpConnection(server.address())) {

            assertThatThrownBy(() -> connection.exchange(GET)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("4 of 10 bytes");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }
}
