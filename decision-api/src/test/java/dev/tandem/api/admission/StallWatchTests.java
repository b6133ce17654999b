package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StallWatchTests {

    static final long MS = 1_000_000;
    static final long T = 1_000 * MS;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final long[] pauses = { 3 };
    final StallWatch watch = StallWatch.manual(Duration.ofMillis(5), () -> pauses[0], meters, T);

    @Test
    void wokenLate_overACollectorsPause_isAStall_whoseBurstLastsTwiceAsLongAgain() {
        watch.woke(T, T + MS);
        pauses[0]++;
        watch.woke(T + MS, T + 22 * MS);

        assertThat(watch.endedSince(T + 21 * MS)).isTrue();
        assertThat(watch.endedSince(T + 22 * MS)).isFalse();
        assertThat(watch.recovering(T + 61 * MS)).isTrue();
        assertThat(watch.recovering(T + 62 * MS)).isFalse();
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().count()).isEqualTo(1);
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(20);
    }

    @Test
    void aPauseJustEnded_beforeTheWatchWokeAgain_isAlreadyAStallsBurst() {
        watch.woke(T, T + MS);
        pauses[0]++;

        assertThat(watch.recovering(T + 8 * MS)).isTrue();
        assertThat(watch.recovering(T + 6 * MS)).isFalse();
    }

    @Test
    void wokenLate_withoutAPause_isTheSchedulersDelay_notAStall() {
        watch.woke(T, T + 30 * MS);

        assertThat(watch.recovering(T + 31 * MS)).isFalse();
        assertThat(watch.recovering(T + 60 * MS)).isFalse();
        assertThat(watch.endedSince(T)).isFalse();
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().count()).isZero();
    }

    @Test
    void aShortPause_isNoStall_andALaterDelayIsNotTakenForIt() {
        pauses[0]++;
        watch.woke(T, T + 3 * MS);
        watch.woke(T + 3 * MS, T + 30 * MS);

        assertThat(watch.recovering(T + 31 * MS)).isFalse();
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().count()).isZero();
    }

    @Test
    void theCollectorsPauses_ofThisJvm_areCounted() {
        long before = StallWatch.collectorPauses().getAsLong();

        System.gc();

        assertThat(StallWatch.collectorPauses().getAsLong()).isGreaterThan(before);
    }

    @Test
    void aStartedWatch_seesThisJvmsCollectorPause() {
        try (StallWatch started = StallWatch.started(Duration.ofNanos(1), meters)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return meters.get(MetricNames.ADMISSION_STALLS).timer().count() > 0;
            });
        }
    }
}
