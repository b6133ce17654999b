package dev.tandem.workers.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import dev.tandem.workers.velocity.EventLog.Windows;
import org.junit.jupiter.api.Test;

class EventLogTests {

    private static final long T = 1_800_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long NO_CUTOFF = 0;

    @Test
    void windows_areHalfOpenAndEndAtTheEventTime() {
        byte[] log = log(EventLog.record(T - 25 * HOUR, 1000, "m-1", "too-old"),
                EventLog.record(T - 24 * HOUR, 500, "m-1", "exactly-a-day"),
                EventLog.record(T - 2 * HOUR, 100, "m-1", "a"),
                EventLog.record(T - 30 * MINUTE, 10, "m-2", "b"),
                EventLog.record(T - 20_000, 1, "m-2", "c"),
                EventLog.record(T + 5_000, 50, "m-3", "later"),
                EventLog.record(T, 2, "m-4", "d"));

        Windows windows = EventLog.windows(log, log.length, T, 2, "m-4", "d", NO_CUTOFF);

        assertThat(windows).isEqualTo(new Windows(2, 3, 3, 13, 4, 113, 2, 3, 0, 7));
    }

    @Test
    void windows_countADecisionOnce_howeverOftenTheLogHoldsIt() {
        byte[] event = EventLog.record(T, 7, "m-1", "d");
        byte[] log = log(EventLog.record(T - MINUTE, 3, "m-1", "a"), event, EventLog.record(T - MINUTE, 3, "m-1", "a"),
                event);

        Windows windows = EventLog.windows(log, log.length, T, 7, "m-1", "d", NO_CUTOFF);

        assertThat(windows.count24h()).isEqualTo(2);
        assertThat(windows.sum24h()).isEqualTo(10);
        assertThat(windows.merchants24h()).isEqualTo(1);
    }

    @Test
    void windows_countTheEventItself_whenTheLogLostIt() {
        Windows windows = EventLog.windows(null, 0, T, 4.5, null, "d", NO_CUTOFF);

        assertThat(windows).isEqualTo(new Windows(1, 4.5, 1, 4.5, 1, 4.5, 0, 0, 0, 0));
    }

    @Test
    void windows_leaveUnknownMerchantsOutOfTheDistinctCounts() {
        byte[] log = log(EventLog.record(T - MINUTE, 1, "", "a"), EventLog.record(T - MINUTE, 1, null, "b"),
                EventLog.record(T - MINUTE, 1, "m-1", "c"));

        assertThat(EventLog.windows(log, log.length, T, 1, null, "d", NO_CUTOFF).merchants1h()).isEqualTo(1);
    }

    @Test
    void windows_addAmountsInCentsUpToWhatTheyLookLike() {
        byte[] log = log(EventLog.record(T - 2, 0.1, "m", "a"), EventLog.record(T - 1, 0.2, "m", "b"));

        assertThat(EventLog.windows(log, log.length, T, 0.7, "m", "c", NO_CUTOFF).sum1m()).isEqualTo(1.0);
    }

    @Test
    void windows_leaveOutAndReportEventsPastTheRetention_whereverTheyAreInTheLog() {
        long cutoff = T - 25 * HOUR;
        byte[] log = log(EventLog.record(T + 30 * 24 * HOUR, 1, "m", "stamped-in-the-future"),
                EventLog.record(cutoff - 2, 1, "m", "a"), EventLog.record(cutoff, 1, "m", "b"),
                EventLog.record(T - HOUR + 1, 1, "m", "c"), EventLog.record(cutoff - 5, 1, "m", "late"));

        Windows windows = EventLog.windows(log, log.length, T, 1, "m", "d", cutoff);

        assertThat(windows.expired()).isEqualTo(3);
        assertThat(windows.records()).isEqualTo(5);
        assertThat(windows.count24h()).isEqualTo(2);
        assertThat(windows.worthTrimming()).isTrue();
    }

    @Test
    void windows_seeOnlyTheLogAsItWasRightAfterTheEventsAppend() {
        byte[] log = log(EventLog.record(T - MINUTE, 3, "m-1", "a"), EventLog.record(T - 1, 5, "m-1", "b"),
                EventLog.record(T - 2, 7, "m-1", "appended-later"));

        Windows windows = EventLog.windows(log, 2 * EventLog.RECORD_BYTES, T - 1, 5, "m-1", "b", NO_CUTOFF);

        assertThat(windows.count24h()).isEqualTo(2);
        assertThat(windows.sum24h()).isEqualTo(8);
        assertThat(windows.records()).isEqualTo(2);
    }

    @Test
    void worthTrimming_whenHalfTheLogOrSixteenEventsHaveExpired() {
        assertThat(windows(0, 10).worthTrimming()).isFalse();
        assertThat(windows(4, 10).worthTrimming()).isFalse();
        assertThat(windows(5, 10).worthTrimming()).isTrue();
        assertThat(windows(15, 1000).worthTrimming()).isFalse();
        assertThat(windows(16, 1000).worthTrimming()).isTrue();
    }

    @Test
    void windows_coverLogsLargerThanTheirFirstGuess() {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < 5_000; i++) {
            out.writeBytes(EventLog.record(T - i * 10, 1, "m-" + (i % 300), "d-" + i));
        }

        Windows windows = EventLog.windows(out.toByteArray(), 5_000 * 32, T, 1, "m-0", "d-0", NO_CUTOFF);

        assertThat(windows.count24h()).isEqualTo(5_000);
        assertThat(windows.count1m()).isEqualTo(5_000);
        assertThat(windows.merchants24h()).isEqualTo(300);
    }

    @Test
    void hash_isStableAndNeverZero() {
        assertThat(EventLog.hash("m-1")).isEqualTo(EventLog.hash("m-1")).isNotEqualTo(EventLog.hash("m-2"))
                .isNotZero();
        assertThat(EventLog.hash("")).isNotZero();
    }

    private static Windows windows(int expired, int records) {
        return new Windows(0, 0, 0, 0, 0, 0, 0, 0, expired, records);
    }

    private static byte[] log(byte[]... records) {
        var out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes(record);
        }
        return out.toByteArray();
    }
}
