package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ClientRatesTests {

    final AtomicLong nanos = new AtomicLong();
    final ClientRates rates = new ClientRates(10, 3, nanos::get);

    @Test
    void aClientMaySpendItsBurst_thenItsRate_andOthersAreNotAffected() {
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isFalse();
        assertThat(rates.tryTake("b")).isTrue();

        nanos.addAndGet(100_000_000); // a tenth of a second: one more token at 10 a second
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isFalse();

        nanos.addAndGet(10_000_000_000L); // long idle: the bucket holds at most the burst
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isFalse();
    }
}
