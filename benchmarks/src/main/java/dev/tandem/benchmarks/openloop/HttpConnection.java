package dev.tandem.benchmarks.openloop;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection of the load generator, used by one thread at a time: writes a request's bytes,
 * reads the answer (a {@code Content-Length} body, a chunked one, or one that ends with the connection). The least
 * work per request that still speaks HTTP correctly, so that the generator takes as little CPU from the measured
 * services as it can: in a probe on the 2-core development VM (2,000 requests/s against the JDK's {@code HttpServer}
 * in the same JVM), the process used about 320 µs of CPU per request with it and about 710 µs with the JDK's
 * asynchronous {@code HttpClient}; against a bare socket server, about 170–200 µs, the generator's share at most.
 * Reconnects when the server says {@code Connection: close} (Tomcat does after 100 requests on a connection), and
 * once when a reused connection turns out to be closed before any byte of the answer arrived.
 */
final class HttpConnection implements AutoCloseable {

    /** An answer: its status and body (the body undecoded). */
    record Answer(int status, byte[] body) {
    }

    private static final int MAX_LINE = 8192;

    private final InetSocketAddress server;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** Volatile: {@link #close} may come from another thread, to end a read that waits for ever. */
    private volatile @Nullable Socket socket;
    private @Nullable InputStream in;
    private @Nullable OutputStream out;
    private long opened;
    private boolean answerStarted;

    HttpConnection(InetSocketAddress server) {
        this.server = server;
    }

    /** Sends {@code request} (a whole HTTP/1.1 request) and reads its answer. */
    Answer exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            open();
        }
        try {
            return attempt(request);
        } catch (IOException e) {
            close();
            if (!reused || answerStarted) {
                throw e;
            }
            // the server closed the idle connection before this request (or reset it): once more on a new one
            open();
            try {
                return attempt(request);
            } catch (IOException | RuntimeException again) {
                close();
                throw again;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Answer attempt(byte[] request) throws IOException {
        answerStarted = false;
        out().write(request);
        return read();
    }

    /** Connections opened so far (the first one included). */
    long opened() {
        return opened;
    }

    private void open() throws IOException {
        var s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(server, 2_000);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        position = 0;
        limit = 0;
        opened++;
    }

    private Answer read() throws IOException {
        String statusLine = line();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closing = value.contains("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunks();
        } else if (length >= 0) {
            body = bytes((int) length);
        } else if (closing) {
            body = rest();
        } else {
            body = new byte[0]; // 204, 304: no body
        }
        if (closing) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] chunks() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            body.write(bytes(size));
            line(); // the CRLF after the chunk
        }
    }

    private byte[] bytes(int count) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            if (position == limit && !fill()) {
                throw new EOFException("the answer ended after " + done + " of " + count + " bytes");
            }
            int n = Math.min(count - done, limit - position);
            System.arraycopy(buffer, position, bytes, done, n);
            position += n;
            done += n;
        }
        return bytes;
    }

    private byte[] rest() throws IOException {
        var all = new ByteArrayOutputStream();
        do {
            all.write(buffer, position, limit - position);
            position = limit;
        } while (fill());
        return all.toByteArray();
    }

    /** A line without its CRLF. */
    private String line() throws IOException {
        var text = new StringBuilder();
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    text.append(new String(buffer, position, i - position, StandardCharsets.ISO_8859_1));
                    position = i + 1;
                    int end = text.length();
                    return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
                }
            }
            text.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            position = limit;
            if (text.length() > MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            if (!fill()) {
                throw new EOFException(answerStarted ? "the answer ended in the middle of a line"
                        : "the connection was closed before any answer");
            }
        }
    }

    private InputStream in() throws IOException {
        InputStream stream = in;
        if (stream == null) {
            throw new IOException("not connected");
        }
        return stream;
    }

    private OutputStream out() throws IOException {
        OutputStream stream = out;
        if (stream == null) {
            throw new IOException("not connected");
        }
        return stream;
    }

    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        int n = in().read(buffer);
        if (n < 0) {
            return false;
        }
        limit = n;
        answerStarted = true;
        return true;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
