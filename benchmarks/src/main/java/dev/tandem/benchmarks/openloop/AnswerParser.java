package dev.tandem.benchmarks.openloop;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 answer from the bytes as they arrive, in pieces of any size: the status line, the headers that
 * say how the body ends ({@code Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection: close}), the
 * body. Keeps only what a half-read answer needs between pieces; header names are matched on the bytes, without a
 * string per line. One answer at a time: {@link #reset} before the next.
 */
final class AnswerParser {

    private enum Phase { STATUS, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    static final int MAX_LINE = 8192;
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private Phase phase = Phase.STATUS;
    private boolean started;
    private int status;
    private long length;
    private boolean chunked;
    private boolean closing;
    private byte[] body = EMPTY;
    private int bodyLength;
    private long left;

    /** Ready for the next answer. */
    void reset() {
        phase = Phase.STATUS;
        lineLength = 0;
        started = false;
        length = -1;
        chunked = false;
        closing = false;
        body = EMPTY;
        bodyLength = 0;
    }

    /**
     * Takes the bytes of {@code in} (a heap buffer, flipped for reading) up to the end of the answer.
     *
     * @return whether the answer is complete; bytes after its end stay in {@code in}
     * @throws IOException when the bytes are not an HTTP/1.1 answer
     */
    boolean feed(ByteBuffer in) throws IOException {
        started |= in.hasRemaining();
        byte[] bytes = in.array();
        int at = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        while (at < end && phase != Phase.DONE) {
            at = switch (phase) {
                case FIXED_BODY, CHUNK_DATA, UNTIL_CLOSE -> body(bytes, at, end);
                default -> line(bytes, at, end);
            };
        }
        in.position(at - in.arrayOffset());
        return phase == Phase.DONE;
    }

    /**
     * The connection ended.
     *
     * @return whether that completes the answer (a body that ends with the connection); false when no byte of it came
     * @throws EOFException when the answer was cut short
     */
    boolean end() throws EOFException {
        if (phase == Phase.UNTIL_CLOSE || phase == Phase.DONE) {
            phase = Phase.DONE;
            return true;
        }
        if (!started) {
            return false;
        }
        throw new EOFException(switch (phase) {
            case FIXED_BODY -> "the answer ended after " + bodyLength + " of " + length + " bytes";
            case CHUNK_DATA -> "the answer ended in the middle of a chunk";
            default -> "the answer ended in the middle of a line";
        });
    }

    /** Whether any byte of this answer has arrived. */
    boolean started() {
        return started;
    }

    int status() {
        return status;
    }

    /** The body as it came (chunks joined), once the answer is complete. */
    byte[] body() {
        return bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    }

    /** Whether the server said it closes the connection after this answer. */
    boolean closing() {
        return closing;
    }

    private int body(byte[] bytes, int at, int end) {
        int n = phase == Phase.UNTIL_CLOSE ? end - at : (int) Math.min(left, end - at);
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLength + n, 2 * body.length));
        }
        System.arraycopy(bytes, at, body, bodyLength, n);
        bodyLength += n;
        left -= n;
        if (left == 0 && phase != Phase.UNTIL_CLOSE) {
            phase = phase == Phase.FIXED_BODY ? Phase.DONE : Phase.CHUNK_END;
        }
        return at + n;
    }

    /** Collects a line up to its LF; at the LF, acts on it (its CR dropped). */
    private int line(byte[] bytes, int at, int end) throws IOException {
        int lf = at;
        while (lf < end && bytes[lf] != '\n') {
            lf++;
        }
        int n = lf - at;
        if (lineLength + n > MAX_LINE) {
            throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
        }
        System.arraycopy(bytes, at, line, lineLength, n);
        lineLength += n;
        if (lf == end) {
            return end;
        }
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        onLine(length);
        return lf + 1;
    }

    private void onLine(int n) throws IOException {
        switch (phase) {
            case STATUS -> status(n);
            case HEADERS -> {
                if (n == 0) {
                    headersEnded();
                } else {
                    header(n);
                }
            }
            case CHUNK_SIZE -> {
                int semicolon = indexOf((byte) ';', n);
                left = Integer.parseInt(text(0, semicolon < 0 ? n : semicolon).trim(), 16);
                phase = left == 0 ? Phase.TRAILERS : Phase.CHUNK_DATA;
            }
            case CHUNK_END -> phase = Phase.CHUNK_SIZE;
            case TRAILERS -> phase = n == 0 ? Phase.DONE : Phase.TRAILERS; // trailers: none expected, skipped
            default -> throw new IllegalStateException("no line expected in " + phase);
        }
    }

    private void status(int n) throws IOException {
        boolean http = n >= 12 && Arrays.equals(line, 0, HTTP_1.length, HTTP_1, 0, HTTP_1.length);
        status = 0;
        for (int i = 9; http && i < 12; i++) {
            http = line[i] >= '0' && line[i] <= '9';
            status = 10 * status + line[i] - '0';
        }
        if (!http) {
            throw new IOException("not an HTTP answer: " + text(0, Math.min(n, 80)));
        }
        phase = Phase.HEADERS;
    }

    private void header(int n) {
        int colon = indexOf((byte) ':', n);
        if (colon < 0) {
            return;
        }
        int from = 0;
        int to = colon;
        while (from < to && line[from] <= ' ') {
            from++;
        }
        while (to > from && line[to - 1] <= ' ') {
            to--;
        }
        if (named(CONTENT_LENGTH, from, to)) {
            length = Long.parseLong(text(colon + 1, n).trim());
        } else if (named(TRANSFER_ENCODING, from, to)) {
            chunked = text(colon + 1, n).toLowerCase(Locale.ROOT).contains("chunked");
        } else if (named(CONNECTION, from, to)) {
            closing = text(colon + 1, n).toLowerCase(Locale.ROOT).contains("close");
        }
    }

    private void headersEnded() throws IOException {
        if (chunked) {
            phase = Phase.CHUNK_SIZE;
        } else if (length > 0) {
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException("a body of " + length + " bytes is more than the generator reads");
            }
            body = new byte[(int) length];
            left = length;
            phase = Phase.FIXED_BODY;
        } else if (length < 0 && closing) {
            phase = Phase.UNTIL_CLOSE;
        } else {
            phase = Phase.DONE; // an empty body, or none at all (204, 304)
        }
    }

    /** Whether {@code line[from, to)} is {@code lowerCaseName}, in any case. */
    private boolean named(byte[] lowerCaseName, int from, int to) {
        if (to - from != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length; i++) {
            int b = line[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b, int n) {
        for (int i = 0; i < n; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
