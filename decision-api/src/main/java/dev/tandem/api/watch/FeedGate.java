package dev.tandem.api.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the {@link OutcomeFeed} reads the outcomes topic, decided from the watchers' {@link OutcomeWatchers.Activity
 * activity}: it reads while anyone watches and for {@code pauseAfter} after the last watcher left (so that a client
 * polling again, or reconnecting, finds it reading), and otherwise reads nothing. Nobody has missed anything it skipped
 * meanwhile: a watcher reads the stored outcome after it registers, and learns from the feed only what changes after
 * that. So when the first watcher comes, the feed goes on from the records stamped from {@link #MARGIN} before it
 * registered: every change stored after the watcher's first read of the store is at or after that (blender stamps a
 * record after storing its change), allowing for that much difference between the two services' clocks. Plain and
 * stateless.
 */
final class FeedGate {

    /** How much earlier than the first watcher's arrival a resumed feed reads from: the clocks' allowed difference. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    /** What the feed does next. */
    sealed interface Step {
    }

    /** Reads on from where it is. */
    record Read() implements Step {
    }

    /** Starts reading again, from the records stamped {@code from} on. */
    record Resume(Instant from) implements Step {
    }

    /** Stops reading: nobody has watched for {@code pauseAfter}. */
    record Pause() implements Step {
    }

    /** Reads nothing, and looks at the watchers again shortly. */
    record Idle() implements Step {
    }

    private final Duration pauseAfter;

    /** @param pauseAfter how long the feed goes on reading once nobody watches */
    FeedGate(Duration pauseAfter) {
        if (pauseAfter.isNegative()) {
            throw new IllegalArgumentException("pauseAfter must not be negative, was " + pauseAfter);
        }
        this.pauseAfter = pauseAfter;
    }

    /**
     * @param reading whether the feed reads now (it has resumed and not paused since)
     * @param now the time on the watchers' clock
     */
    Step next(boolean reading, OutcomeWatchers.Activity activity, Instant now) {
        Instant since = activity.since();
        if (reading) {
            boolean unwatchedTooLong = !activity.watched()
                    && (since == null || !now.isBefore(since.plus(pauseAfter)));
            return unwatchedTooLong ? new Pause() : new Read();
        }
        if (activity.watched() && since != null) {
            return new Resume(since.minus(MARGIN));
        }
        return new Idle();
    }
}
