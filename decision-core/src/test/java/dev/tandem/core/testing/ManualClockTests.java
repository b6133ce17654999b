package dev.tandem.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ManualClockTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void instant_standsStill_untilSetOrAdvanced() {
        var clock = new ManualClock(T0);

        Instant first = clock.instant();
        Instant second = clock.instant();
        clock.advance(Duration.ofMillis(1500));
        Instant advanced = clock.instant();
        clock.set(T0.minusSeconds(60));

        assertThat(first).isEqualTo(T0);
        assertThat(second).isEqualTo(T0);
        assertThat(advanced).isEqualTo(T0.plusMillis(1500));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(60));
        assertThat(clock.millis()).isEqualTo(T0.minusSeconds(60).toEpochMilli());
    }

    @Test
    void ticking_movesForwardOnEveryRead_startingOneTickAfterTheStart() {
        var clock = ManualClock.ticking(T0, Duration.ofSeconds(1));

        Instant first = clock.instant();
        Instant second = clock.instant();
        clock.advance(Duration.ofMinutes(1));

        assertThat(first).isEqualTo(T0.plusSeconds(1));
        assertThat(second).isEqualTo(T0.plusSeconds(2));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(63));
    }

    @Test
    void ticking_backwards_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ManualClock.ticking(T0, Duration.ofSeconds(-1)));
    }

    @Test
    void zone_isUtc_andAnotherZoneSharesTheTime() {
        var clock = new ManualClock(T0);
        ZoneId paris = ZoneId.of("Europe/Paris");

        ManualClock inParis = clock.withZone(paris);
        clock.advance(Duration.ofHours(1));

        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThat(inParis.getZone()).isEqualTo(paris);
        assertThat(inParis.instant()).isEqualTo(T0.plusSeconds(3600));
        assertThat(LocalDateTime.now(inParis)).isEqualTo(LocalDateTime.parse("2026-11-28T12:00:00"));
    }
}
