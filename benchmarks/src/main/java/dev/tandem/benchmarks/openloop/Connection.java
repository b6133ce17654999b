package dev.tandem.benchmarks.openloop;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection of the load generator: a non-blocking socket on the run's {@link EventLoop}'s
 * selector. Carries one send at a time: writes its request, reads the answer as it arrives ({@link AnswerParser}).
 * Opens its socket when a send finds it closed; closes it when the server says {@code Connection: close} (Tomcat does
 * after 100 answers on a connection) or closes it while idle; and sends once more, on a new socket, when a reused one
 * turns out to be closed before any byte of the answer came (the server closed it while the request was on its way).
 * A socket that has not connected within the connect timeout fails its send ({@link ConnectTimeoutException}, not sent
 * again), when the loop asks ({@link #expire}).
 *
 * <p>The pacing thread starts sends while the loop's thread reads: each method holds the connection's monitor
 * (uncontended but for the moment a send starts on a connection the loop finds closed by the server).
 */
final class Connection {

    private final InetSocketAddress server;
    private final Selector selector;
    private final long connectTimeoutNanos;
    private final AnswerParser parser = new AnswerParser();
    private @Nullable SocketChannel channel;
    private @Nullable SelectionKey key;
    private @Nullable Send send;
    private boolean reused;
    private boolean retried;
    private boolean writing;
    private long opened;
    private boolean changed;
    private boolean connecting;
    private long connectingSince;

    Connection(InetSocketAddress server, Selector selector, Duration connectTimeout) {
        this.server = server;
        this.selector = selector;
        this.connectTimeoutNanos = connectTimeout.toNanos();
    }

    /**
     * Starts {@code next} (this connection must be idle): writes it on the open socket, or opens one first.
     *
     * @return how it ended when that is already known (the connection could not be opened), else null
     */
    synchronized @Nullable Ended start(Send next) {
        send = next;
        changed = false;
        parser.reset();
        reused = channel != null;
        retried = false;
        try {
            if (channel == null) {
                open();
            } else {
                write();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Acts on what the selector found ready, reading into {@code buffer} (the loop's, shared by its connections).
     *
     * @return how the send ended when it did, else null
     */
    synchronized @Nullable Ended ready(SelectionKey ready, ByteBuffer buffer) {
        if (ready != key) {
            return null; // the key of a socket closed since the selector found it ready
        }
        try {
            if (ready.isConnectable()) {
                connected();
                return null;
            }
            if (ready.isWritable()) {
                write();
            }
            return ready.isValid() && ready.isReadable() ? read(buffer) : null;
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Fails the send in flight when its socket has been connecting for the connect timeout or longer at
     * {@code nowNanos}, closing the socket (the next send opens another).
     *
     * @return how the send ended when it did, else null
     */
    synchronized @Nullable Ended expire(long nowNanos) {
        if (!connecting || nowNanos - connectingSince < connectTimeoutNanos) {
            return null;
        }
        return failed(new ConnectTimeoutException(server, connectTimeoutNanos));
    }

    /** Whether a send is in flight. */
    synchronized boolean busy() {
        return send != null;
    }

    /** Closes the socket, giving up the send in flight (if any): returned, for the caller to count. */
    synchronized @Nullable Send abandon() {
        Send abandoned = send;
        send = null;
        close();
        return abandoned;
    }

    /**
     * Whether the selector has news of this connection since the last call (a socket registered, interest changed):
     * a caller off the loop's thread then wakes the loop, for the selector to take it into account.
     */
    synchronized boolean changed() {
        boolean news = changed;
        changed = false;
        return news;
    }

    /** Sockets opened so far, reopenings included. */
    synchronized long opened() {
        return opened;
    }

    private void open() throws IOException {
        SocketChannel opening = SocketChannel.open();
        channel = opening;
        writing = false;
        opening.configureBlocking(false);
        opening.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected = opening.connect(server);
        key = opening.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        changed = true;
        connecting = !connected;
        connectingSince = System.nanoTime();
        if (connected) {
            opened++;
            write();
        }
    }

    private void connected() throws IOException {
        if (channel().finishConnect()) {
            connecting = false;
            opened++;
            key().interestOps(SelectionKey.OP_READ);
            write();
        }
    }

    private void write() throws IOException {
        Send current = send;
        if (current == null) {
            return;
        }
        channel().write(current.request());
        boolean more = current.request().hasRemaining();
        if (more != writing) { // rare: a request larger than the socket's send buffer has room for
            key().interestOps(more ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            writing = more;
            changed = true;
        }
    }

    private @Nullable Ended read(ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = channel().read(buffer);
        buffer.flip();
        Send current = send;
        if (current == null) {
            if (n != 0) {
                close(); // idle: the server closed it, or sent what nobody asked for
            }
            return null;
        }
        if (n < 0) {
            if (parser.end()) {
                return answered(current);
            }
            throw new EOFException("the connection was closed before any answer");
        }
        if (!parser.feed(buffer)) {
            return null;
        }
        if (parser.closing() || buffer.hasRemaining()) {
            close(); // as the server said; or it sent bytes after the answer, which nothing asked for
        }
        return answered(current);
    }

    private Ended answered(Send current) {
        send = null;
        return new Ended.Answered(current, parser.status(), parser.body());
    }

    private @Nullable Ended failed(Exception e) {
        close();
        Send current = send;
        if (current == null) {
            return null;
        }
        if (e instanceof IOException && reused && !retried && !parser.started()) {
            retried = true;
            reused = false;
            parser.reset();
            current.request().rewind();
            try {
                open();
                return null;
            } catch (IOException | RuntimeException again) {
                close();
                e = again;
            }
        }
        send = null;
        return new Ended.Failed(current, e);
    }

    private void close() {
        SocketChannel open = channel;
        channel = null;
        connecting = false;
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private SocketChannel channel() throws IOException {
        SocketChannel open = channel;
        if (open == null) {
            throw new IOException("not connected");
        }
        return open;
    }

    private SelectionKey key() throws IOException {
        SelectionKey registered = key;
        if (registered == null) {
            throw new IOException("not connected");
        }
        return registered;
    }
}
