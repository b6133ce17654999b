package dev.tandem.benchmarks.openloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ScheduleTests {

    @Test
    void dueNanos_isExactAtARateThatDoesNotDivideASecond_withoutDrift() {
        var schedule = new Schedule(1_000, 3_000);

        assertThat(schedule.dueNanos(0)).isEqualTo(1_000);
        assertThat(schedule.dueNanos(1)).isEqualTo(1_000 + 333_333);
        assertThat(schedule.dueNanos(3_000)).isEqualTo(1_000 + 1_000_000_000L);
        assertThat(schedule.dueNanos(3_000 * 3_600L)).isEqualTo(1_000 + 3_600 * 1_000_000_000L);
    }

    @Test
    void dueBy_countsTheSendsDueAtAMoment() {
        var schedule = new Schedule(0, 1_000);

        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(1_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(1_000_000_000)).isEqualTo(1_001);
    }

    @Test
    void pace_sendsInOrder_eachNotBeforeItsDueTime_untilToldToStop() {
        var schedule = Schedule.startingIn(Duration.ofMillis(5), 2_000);
        record Call(long i, long due, long at) {
        }
        var calls = new ArrayList<Call>();

        long sent = schedule.pace(i -> i < 50, (i, due) -> calls.add(new Call(i, due, System.nanoTime())));

        assertThat(sent).isEqualTo(50);
        assertThat(calls).extracting(Call::i).containsExactlyElementsOf(
                LongStream.range(0, 50).boxed().toList());
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.due()).isEqualTo(schedule.dueNanos(call.i()));
            assertThat(call.at()).isGreaterThanOrEqualTo(call.due());
        });
    }

    @Test
    void pace_aLateSchedule_sendsEverythingDueAtOnce_ratherThanSkipping() {
        var schedule = new Schedule(System.nanoTime() - 1_000_000_000L, 100); // 100 sends already due
        List<Long> sent = new ArrayList<>();

        schedule.pace(i -> i < 100, (i, due) -> sent.add(i));

        assertThat(sent).hasSize(100);
    }

    @Test
    void aRateBelowOnePerSecond_isRefused() {
        assertThatThrownBy(() -> new Schedule(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 per second");
    }
}
