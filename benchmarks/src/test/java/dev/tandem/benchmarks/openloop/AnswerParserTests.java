package dev.tandem.benchmarks.openloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AnswerParserTests {

    static final String CHUNKED = "HTTP/1.1 201 Created\r\ntransfer-ENCODING: chunked\r\n\r\n"
            + "4\r\n{\"de\r\nd;ext=1\r\ngraded\":true}\r\n0\r\n\r\n";

    final AnswerParser parser = new AnswerParser();

    @Test
    void feed_aContentLengthAnswer_isCompleteWithItsStatusAndBody() throws IOException {
        parser.reset();

        boolean complete = parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"a\":\"one\"}"));

        assertThat(complete).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(text(parser.body())).isEqualTo("{\"a\":\"one\"}");
        assertThat(parser.closing()).isFalse();
    }

    @Test
    void feed_aChunkedAnswerSplitAtEveryByte_joinsItsChunks() throws IOException {
        parser.reset();
        byte[] answer = CHUNKED.getBytes(StandardCharsets.ISO_8859_1);

        for (int i = 0; i < answer.length - 1; i++) {
            assertThat(parser.feed(ByteBuffer.wrap(answer, i, 1))).as("complete after byte %d", i).isFalse();
        }

        assertThat(parser.feed(ByteBuffer.wrap(answer, answer.length - 1, 1))).isTrue();
        assertThat(parser.status()).isEqualTo(201);
        assertThat(text(parser.body())).isEqualTo("{\"degraded\":true}");
    }

    @Test
    void feed_leavesTheBytesAfterTheAnswerInTheBuffer() throws IOException {
        parser.reset();
        ByteBuffer in = bytes("HTTP/1.1 204 No Content\r\nDate: today\r\n\r\nHTTP/1.1");

        assertThat(parser.feed(in)).isTrue();

        assertThat(parser.body()).isEmpty();
        assertThat(in.remaining()).isEqualTo("HTTP/1.1".length());
    }

    @Test
    void end_ofAnAnswerDelimitedByTheClose_completesItsBody() throws IOException {
        parser.reset();
        assertThat(parser.feed(bytes("HTTP/1.0 200 OK\r\nConnection: Close\r\n\r\n{\"a\""))).isFalse();
        assertThat(parser.feed(bytes(":1}"))).isFalse();

        assertThat(parser.end()).isTrue();

        assertThat(text(parser.body())).isEqualTo("{\"a\":1}");
        assertThat(parser.closing()).isTrue();
    }

    @Test
    void end_ofAContentLengthBodyCutShort_isAnError_thatSaysHowMuchCame() throws IOException {
        parser.reset();
        parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\""));

        assertThatThrownBy(parser::end).isInstanceOf(EOFException.class).hasMessage(
                "the answer ended after 4 of 10 bytes");
    }

    @Test
    void end_beforeAnyByte_isNoAnswer_andNoError() throws IOException {
        parser.reset();

        assertThat(parser.end()).isFalse();
        assertThat(parser.started()).isFalse();
    }

    @Test
    void feed_somethingElseThanHttp_isAnError() {
        parser.reset();

        assertThatThrownBy(() -> parser.feed(bytes("SSH-2.0-OpenSSH_9.6\r\n"))).isInstanceOf(IOException.class)
                .hasMessage("not an HTTP answer: SSH-2.0-OpenSSH_9.6");
    }

    @Test
    void feed_aLineLongerThanTheLimit_isAnError() {
        parser.reset();
        String header = "X-Long: " + "x".repeat(AnswerParser.MAX_LINE) + "\r\n";

        assertThatThrownBy(() -> parser.feed(bytes("HTTP/1.1 200 OK\r\n" + header))).isInstanceOf(IOException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void reset_readsTheNextAnswerFromScratch() throws IOException {
        parser.reset();
        parser.feed(bytes(CHUNKED));

        parser.reset();
        parser.feed(bytes("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}"));

        assertThat(parser.status()).isEqualTo(503);
        assertThat(text(parser.body())).isEqualTo("{}");
        assertThat(parser.closing()).isTrue();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
