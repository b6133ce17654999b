package dev.tandem.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class HeapMeterTests {

    /** Kept reachable until it is measured, so the allocation cannot be optimised away. */
    static volatile Object sink;

    @Test
    void between_countsTheJvmsAllocation_andTheGeneratorThreadsPartOfIt() throws Exception {
        try (var meter = new HeapMeter(Set.of("generator-under-test"))) {
            var from = new AtomicReference<HeapMeter.Sample>();
            var to = new AtomicReference<HeapMeter.Sample>();
            Thread generator = Thread.ofPlatform().name("generator-under-test").start(() -> {
                from.set(meter.sample());
                sink = new byte[8_000_000];
                to.set(meter.sample());
            });
            generator.join();

            HeapMeter.Use use = meter.between(from.get(), to.get());

            assertThat(use.generator()).isGreaterThanOrEqualTo(8_000_000L);
            assertThat(use.allocated()).isGreaterThanOrEqualTo(use.generator());
            assertThat(use.kilobytesPer(1_000)).isGreaterThanOrEqualTo(8.0);
            assertThat(use.serverKilobytesPer(1_000)).isEqualTo((use.allocated() - use.generator()) / 1e6);
        }
    }

    @Test
    void between_holdsThePausesThatEndedInTheWindow() throws Exception {
        try (var meter = new HeapMeter(Set.of())) {
            HeapMeter.Sample from = meter.sample();
            System.gc();
            HeapMeter.Use use = meter.between(from, meter.sample());
            for (int i = 0; i < 100 && use.pauses().isEmpty(); i++) { // the notification comes on a thread of its own
                Thread.sleep(50);
                use = meter.between(from, meter.sample());
            }

            assertThat(use.pauses()).isNotEmpty().allSatisfy(pause -> assertThat(HeapMeter.pauses(pause.collector()))
                    .isTrue());
            HeapMeter.Sample later = meter.sample();
            assertThat(meter.between(later, meter.sample()).pauses()).isEmpty();
        }
    }

    @Test
    void pauses_areTheBeansThatReportPauses_notConcurrentWork() {
        assertThat(HeapMeter.pauses("G1 Young Generation")).isTrue();
        assertThat(HeapMeter.pauses("G1 Old Generation")).isTrue();
        assertThat(HeapMeter.pauses("ZGC Minor Pauses")).isTrue();
        assertThat(HeapMeter.pauses("G1 Concurrent GC")).isFalse();
        assertThat(HeapMeter.pauses("ZGC Major Cycles")).isFalse();
    }

    @Test
    void describe_givesPerRequestAndPerSecond_andThePausesRange() {
        var use = new HeapMeter.Use(Duration.ofSeconds(20), 1_200_000_000L, 120_000_000L,
                List.of(new HeapMeter.Pause(1, "G1 Young Generation", Duration.ofMillis(12)),
                        new HeapMeter.Pause(2, "G1 Young Generation", Duration.ofMillis(20))));

        assertThat(use.describe(60_000)).isEqualTo("20.0 KB allocated per request (the generator 2.0 of it), 60 MB/s;"
                + " 2 pauses, 12.0–20.0 ms, 32 ms in all (0.2 % of the window)");
        assertThat(new HeapMeter.Use(Duration.ofSeconds(1), 0, 0, List.of()).describe(10))
                .endsWith("; no collector pause");
        assertThat(new HeapMeter.Use(Duration.ofSeconds(1), 0, 0,
                List.of(new HeapMeter.Pause(1, "G1 Young Generation", Duration.ofMillis(85)))).describe(10))
                .endsWith("; 1 pause, 85.0–85.0 ms, 85 ms in all (8.5 % of the window)");
    }
}
