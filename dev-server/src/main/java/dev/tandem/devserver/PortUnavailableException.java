package dev.tandem.devserver;

/**
 * A fixed port that a server was asked to listen on is held by another process. Not retryable: the other process
 * has to go, or the server has to be given another port.
 */
public final class PortUnavailableException extends IllegalStateException {

    private final int port;

    PortUnavailableException(int port, String message) {
        super(message);
        this.port = port;
    }

    /** The port that could not be bound. */
    public int port() {
        return port;
    }
}
