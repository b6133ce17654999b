package dev.tandem.benchmarks.openloop;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection}'s socket did not connect within the connect timeout: what a run's errors count it as (by this
 * class's name), apart from a refused connect ({@code ConnectException}).
 */
final class ConnectTimeoutException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    ConnectTimeoutException(InetSocketAddress server, long timeoutNanos) {
        super("not connected to " + server + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    }
}
