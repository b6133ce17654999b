package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AdmissionLimitTests {

    private final SimpleMeterRegistry api = new SimpleMeterRegistry();

    @Test
    void describesWhereTheLimitStoodOverItsReadings() {
        var limit = new AtomicInteger(32);
        Gauge.builder(MetricNames.ADMISSION_LIMIT, limit, AtomicInteger::get).register(api);
        try (AdmissionLimit sampler = AdmissionLimit.manual(api)) {
            assertThat(sampler.describe()).isEqualTo("not read");
            for (int value : new int[] { 32, 11, 8, 14, 12 }) {
                limit.set(value);
                sampler.read();
            }

            assertThat(sampler.describe()).isEqualTo("min 8, median 12, max 32 over 5 readings a second apart");
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
