package dev.tandem.api.watch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * Opens {@link EventStream}s with the configured heartbeat and timeout, and ends those still open when the instance
 * stops: before the web server's graceful shutdown (a lower phase) waits for open requests, so that an open stream
 * does not hold the shutdown for its whole timeout. Their clients reconnect with {@code Last-Event-ID}, to another
 * instance. (A long poll is an ordinary request: it ends within its timeout, at most {@code long-poll-max-timeout}.)
 */
public final class EventStreams implements SmartLifecycle {

    private final WatchProperties settings;
    private final MeterRegistry meters;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    EventStreams(WatchProperties settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /** A new stream, not started; {@code kind} tags its metrics ({@code decision}, {@code flow}). */
    public EventStream open(String kind) {
        return new EventStream(settings.streamTimeout(), settings.heartbeat(), kind, meters, open);
    }

    /** Streams started and not ended. */
    int size() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(EventStream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the outcome feed (which stops first), before the web server's graceful shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
