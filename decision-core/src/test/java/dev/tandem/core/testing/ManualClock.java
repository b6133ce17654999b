package dev.tandem.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A test clock that stands still until the test moves it, or that steps forward on every read. */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration tick;
    private final ZoneId zone;

    private ManualClock(AtomicReference<Instant> now, Duration tick, ZoneId zone) {
        this.now = now;
        this.tick = tick;
        this.zone = zone;
    }

    /** A clock in UTC at {@code start}, moved only by {@link #set} and {@link #advance}. */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(start), Duration.ZERO, ZoneOffset.UTC);
    }

    /** A clock in UTC that moves {@code tick} forward on every read: the first read answers {@code start + tick}. */
    public static ManualClock ticking(Instant start, Duration tick) {
        if (tick.isNegative()) {
            throw new IllegalArgumentException("a clock ticks forward, not by " + tick);
        }
        return new ManualClock(new AtomicReference<>(start), tick, ZoneOffset.UTC);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return tick.isZero() ? now.get() : now.updateAndGet(instant -> instant.plus(tick));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock seen from {@code zone}: moving either moves both. */
    @Override
    public ManualClock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new ManualClock(now, tick, zone);
    }
}
