package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AdmissionLimitTests {

    private final SimpleMeterRegistry api = new SimpleMeterRegistry();

    @Test
    void describesWhereTheLimitStoodOverItsReadings_andTheStallsInTheRun() {
        var limit = new AtomicInteger(32);
        Gauge.builder(MetricNames.ADMISSION_LIMIT, limit, AtomicInteger::get).register(api);
        Timer stalls = api.timer(MetricNames.ADMISSION_STALLS);
        stalls.record(Duration.ofMillis(20));
        var standard = new AtomicLong(5);
        var critical = new AtomicLong();
        FunctionCounter.builder(MetricNames.ADMISSION_AFTER_STALL, standard, AtomicLong::get)
                .tag(MetricNames.TAG_PRIORITY, "STANDARD").register(api);
        FunctionCounter.builder(MetricNames.ADMISSION_AFTER_STALL, critical, AtomicLong::get)
                .tag(MetricNames.TAG_PRIORITY, "CRITICAL").register(api);
        try (AdmissionLimit sampler = AdmissionLimit.manual(api)) {
            assertThat(sampler.describe()).isEqualTo("not read");
            for (int value : new int[] { 32, 11, 8, 14, 12 }) {
                limit.set(value);
                sampler.read();
            }
            stalls.record(Duration.ofMillis(25));
            stalls.record(Duration.ofMillis(30));
            standard.addAndGet(40);
            critical.addAndGet(3);

            assertThat(sampler.describe()).isEqualTo("min 8, median 12, max 32 over 5 readings a second apart; 2"
                    + " stalls of the collector, 43 decisions admitted in their bursts");
        }
    }

    @Test
    void withAdmissionOff_saysSo() {
        try (AdmissionLimit sampler = AdmissionLimit.sample(api)) {
            sampler.read();

            assertThat(sampler.describe()).isEqualTo("no adaptive limit (admission off)");
        }
    }
}
