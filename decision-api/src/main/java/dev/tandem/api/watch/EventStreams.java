package dev.tandem.api.watch;

import io.micrometer.core.instrument.MeterRegistry;

/** Opens {@link EventStream}s with the configured heartbeat and timeout. */
public final class EventStreams {

    private final WatchProperties settings;
    private final MeterRegistry meters;

    EventStreams(WatchProperties settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /** A new stream, not started; {@code kind} tags its metrics ({@code decision}, {@code flow}). */
    public EventStream open(String kind) {
        return new EventStream(settings.streamTimeout(), settings.heartbeat(), kind, meters);
    }
}
