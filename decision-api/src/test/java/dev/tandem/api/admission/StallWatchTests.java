package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.GarbageCollectorMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StallWatchTests {

    static final long MS = 1_000_000;
    static final long T = 1_000 * MS;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** How long the collectors have paused the threads so far, in milliseconds. */
    final long[] paused = { 300 };
    final StallWatch watch = StallWatch.manual(Duration.ofMillis(5), () -> paused[0], meters, T);

    @Test
    void wokenLate_overACollectorsPause_isAStall_whoseBurstLastsTenTimesAsLongAgain() {
        watch.woke(T, T + MS);
        paused[0] += 20;
        watch.woke(T + MS, T + 22 * MS);

        assertThat(watch.endedSince(T + 21 * MS)).isTrue();
        assertThat(watch.endedSince(T + 22 * MS)).isFalse();
        assertThat(watch.burst(T + 221 * MS)).isEqualTo(20 * MS);
        assertThat(watch.burst(T + 222 * MS)).isZero();
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().count()).isEqualTo(1);
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().max(TimeUnit.MILLISECONDS)).isEqualTo(20);
    }

    @Test
    void aPauseJustEnded_beforeTheWatchWokeAgain_isAlreadyAStallsBurst() {
        watch.woke(T, T + MS);
        paused[0] += 8;

        assertThat(watch.burst(T + 10 * MS)).isEqualTo(8 * MS);
        assertThat(watch.burst(T + 6 * MS)).isZero();
    }

    @Test
    void aWatchOverdueForLong_isNotReadAsAPausesEnd() {
        watch.woke(T, T + MS);
        paused[0] += 8;

        assertThat(watch.burst(T + 2 * MS + StallWatch.OVERDUE_CAP.toNanos())).isZero();
    }

    @Test
    void wokenLate_withoutAPause_isTheSchedulersDelay_notAStall() {
        watch.woke(T, T + 30 * MS);

        assertThat(watch.burst(T + 31 * MS)).isZero();
        assertThat(watch.burst(T + 60 * MS)).isZero();
        assertThat(watch.endedSince(T)).isFalse();
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().count()).isZero();
    }

    @Test
    void aShortPause_insideALongDelay_isNoStall() {
        paused[0] += 2;
        watch.woke(T, T + 30 * MS);

        assertThat(watch.burst(T + 31 * MS)).isZero();
        assertThat(meters.get(MetricNames.ADMISSION_STALLS).timer().count()).isZero();
    }

    @Test
    void aStallIsNoLongerThanTheWatchWasLate() {
        paused[0] += 50; // counted by the collector, but the watch woke on time but for 9 ms
        watch.woke(T, T + 10 * MS);

        assertThat(watch.burst(T + 11 * MS)).isEqualTo(9 * MS);
    }

    @ParameterizedTest
    @CsvSource({ "G1 Young Generation, true", "G1 Old Generation, true", "G1 Concurrent GC, true",
            "ZGC Minor Pauses, true", "ZGC Major Pauses, true", "ZGC Minor Cycles, false", "ZGC Major Cycles, false",
            "Shenandoah Pauses, true", "Shenandoah Cycles, false", "Copy, true", "MarkSweepCompact, true",
            "PS Scavenge, true", "PS MarkSweep, true" })
    void theCollectorsThatStopTheThreads_areTheOnesCounted(String name, boolean counted) {
        var collector = (GarbageCollectorMXBean) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { GarbageCollectorMXBean.class },
                (proxy, method, args) -> method.getName().equals("getName") ? name : null);

        assertThat(StallWatch.stopsTheThreads(collector)).isEqualTo(counted);
    }

    @Test
    void aStartedWatch_seesThisJvmsCollectorPause_andStopsWhenClosed() {
        StallWatch started = StallWatch.started(Duration.ofNanos(1), meters);
        try (started) {
            assertThat(started.watching()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return meters.get(MetricNames.ADMISSION_STALLS).timer().count() > 0;
            });
        }
        assertThat(started.watching()).isFalse();
        assertThat(started.burst(System.nanoTime())).isZero();
    }
}
