package dev.tandem.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picking free ports and checking that fixed ones are free, before a server tries to bind them. */
final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago on the loopback interface; pick once and keep it. */
    static int pickFree() {
        try (var socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on the loopback interface", e);
        }
    }

    /** Whether nothing listens on {@code port} (on any local address). */
    static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code port} itself when it is free, a freshly picked port when it is 0.
     *
     * @param server what wants the port, for the message ("Kafka", "Redis")
     * @param option the {@code ./tandem up} option that chooses another port
     * @throws PortUnavailableException when another process holds the port
     */
    static int freeOrPick(int port, String server, String option) {
        if (port == 0) {
            return pickFree();
        }
        if (!isFree(port)) {
            throw new PortUnavailableException(port, "Port " + port + " for " + server
                    + " is already in use by another process. Stop that process, or choose another port"
                    + " (./tandem up " + option + " <port>).");
        }
        return port;
    }
}
