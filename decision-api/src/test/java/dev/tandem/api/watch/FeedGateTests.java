package dev.tandem.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FeedGateTests {

    static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    private final FeedGate gate = new FeedGate(Duration.ofSeconds(30));

    static OutcomeWatchers.Activity watched(int watchers, Instant since) {
        return new OutcomeWatchers.Activity(watchers, since);
    }

    @Test
    void nobodyHasWatchedYet_theFeedReadsNothing() {
        assertThat(gate.next(false, new OutcomeWatchers.Activity(0, null), T)).isEqualTo(new FeedGate.Idle());
    }

    @Test
    void theFirstWatcher_resumesReading_fromTheMarginBeforeItCame() {
        assertThat(gate.next(false, watched(1, T), T.plusSeconds(1)))
                .isEqualTo(new FeedGate.Resume(T.minus(FeedGate.MARGIN)));
    }

    @Test
    void whileAnyoneWatches_theFeedReadsOn() {
        assertThat(gate.next(true, watched(3, T), T.plusSeconds(3_600))).isEqualTo(new FeedGate.Read());
    }

    @Test
    void theLastWatcherGone_theFeedReadsOnForPauseAfter_thenPauses() {
        Instant left = T.plusSeconds(60);

        assertThat(gate.next(true, watched(0, left), left.plusSeconds(29))).isEqualTo(new FeedGate.Read());
        assertThat(gate.next(true, watched(0, left), left.plusSeconds(30))).isEqualTo(new FeedGate.Pause());
    }

    @Test
    void paused_theFeedStaysIdle_untilAWatcherComes_thenResumesFromItsArrival() {
        Instant left = T.plusSeconds(60);
        Instant came = T.plusSeconds(7_200);

        assertThat(gate.next(false, watched(0, left), came.minusSeconds(1))).isEqualTo(new FeedGate.Idle());
        assertThat(gate.next(false, watched(1, came), came)).isEqualTo(new FeedGate.Resume(came.minus(FeedGate.MARGIN)));
    }

    @Test
    void pauseAfterZero_pausesAsSoonAsNobodyWatches() {
        var atOnce = new FeedGate(Duration.ZERO);

        assertThat(atOnce.next(true, watched(0, T), T)).isEqualTo(new FeedGate.Pause());
        assertThat(atOnce.next(true, watched(1, T), T)).isEqualTo(new FeedGate.Read());
    }
}
