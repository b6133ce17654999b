package dev.tandem.benchmarks.openloop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never accepts, its accept queue full: a connect to it never finishes (nor fails) while it is
 * open, for Linux drops the SYN of a connection that a full queue has no room for, and the client only sends it again.
 * A non-routable address (10.255.255.1) would not do: where no route leads there, its connect fails at once.
 */
final class FullBacklog implements AutoCloseable {

    private static final int FILL_TIMEOUT_MILLIS = 200;

    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final List<Socket> queued = new ArrayList<>();

    /** Connects until a connect does not finish: the queue (of 1 or 2, as the system counts) is then full. */
    FullBacklog() throws IOException {
        for (int i = 0; i < 10; i++) {
            var socket = new Socket();
            try {
                socket.connect(address(), FILL_TIMEOUT_MILLIS);
                queued.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return;
            }
        }
        close();
        throw new IllegalStateException("10 connects to a listener with a backlog of 1 all finished");
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        listener.close();
    }
}
