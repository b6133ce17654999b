package dev.tandem.benchmarks.openloop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that answers each request (headers only, no body) with the next scripted bytes, on whatever connection
 * it came, at once or in pieces a little apart (so that the client reads them apart); a script step may then close
 * the connection, with or without saying so.
 */
final class FakeHttpServer implements AutoCloseable {

    /** What to write, piece by piece, and whether to close the connection afterwards. */
    record Step(List<String> pieces, boolean close) {
    }

    private final ServerSocket socket;
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();

    FakeHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    FakeHttpServer then(String bytes, boolean close) {
        script.add(new Step(List.of(bytes), close));
        return this;
    }

    /** Writes {@code pieces} one after another, 20 ms apart. */
    FakeHttpServer thenInPieces(boolean close, String... pieces) {
        script.add(new Step(List.of(pieces), close));
        return this;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            while (readRequest(in)) {
                Step step = script.poll();
                if (step == null) {
                    return;
                }
                write(step, out);
                if (step.close()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(Step step, OutputStream out) throws IOException {
        for (int i = 0; i < step.pieces().size(); i++) {
            if (i > 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            out.write(step.pieces().get(i).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** Reads up to the blank line that ends a request's headers; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == end.length) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
