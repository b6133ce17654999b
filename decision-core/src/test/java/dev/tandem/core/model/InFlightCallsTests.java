package dev.tandem.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InFlightCallsTests {

    private final AtomicInteger frees = new AtomicInteger();
    private final InFlightCalls calls = new InFlightCalls(frees::incrementAndGet);

    @Test
    void close_withNoCallInProgress_freesAtOnce_andOnlyOnce() {
        calls.close();
        calls.close();

        assertThat(frees).hasValue(1);
        assertThat(calls.isDrained()).isTrue();
        assertThat(calls.tryEnter()).isFalse();
    }

    @Test
    void close_withCallsInProgress_letsThemFinish_andTheLastOneFrees() {
        assertThat(calls.tryEnter()).isTrue();
        assertThat(calls.tryEnter()).isTrue();

        calls.close();
        boolean refused = !calls.tryEnter();
        calls.exit();
        int afterFirst = frees.get();
        calls.exit();

        assertThat(refused).isTrue();
        assertThat(afterFirst).isZero();
        assertThat(frees).hasValue(1);
        assertThat(calls.isDrained()).isTrue();
    }

    @Test
    void callsInAndOut_beforeAClose_freeNothing() {
        for (int i = 0; i < 3; i++) {
            assertThat(calls.tryEnter()).isTrue();
            calls.exit();
        }

        assertThat(frees).hasValue(0);
        assertThat(calls.isDrained()).isFalse();
    }
}
