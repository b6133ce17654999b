package dev.tandem.benchmarks.hotpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * decision-api's adaptive admission limit ({@code tandem.admission.limit}), read once a second through a run: where it
 * stood while decisions were refused. Hot path result 22 found the refusals at 3,000/s by polling it by hand (Gradient2
 * fed each decision sat at 8–14; ADR 0035); this prints it with every decision run.
 */
final class AdmissionLimit implements AutoCloseable {

    private final @Nullable Gauge limit;
    private final MeterRegistry api;
    private final long stallsBefore;
    private final double afterStallBefore;
    private final List<Double> readings = new ArrayList<>();
    private final @Nullable ScheduledExecutorService timer;

    private AdmissionLimit(MeterRegistry api, boolean scheduled) {
        this.api = api;
        this.limit = api.find(MetricNames.ADMISSION_LIMIT).gauge();
        this.stallsBefore = stalls(api);
        this.afterStallBefore = afterStall(api);
        this.timer = scheduled ? Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("admission-limit").daemon().factory()) : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(this::read, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Reads decision-api's limit once a second until closed; nothing when admission is off (no such gauge). */
    static AdmissionLimit sample(MeterRegistry api) {
        return new AdmissionLimit(api, api.find(MetricNames.ADMISSION_LIMIT).gauge() != null);
    }

    /** A sampler that reads only when told to (for tests). */
    static AdmissionLimit manual(MeterRegistry api) {
        return new AdmissionLimit(api, false);
    }

    private static long stalls(MeterRegistry api) {
        Timer stalls = api.find(MetricNames.ADMISSION_STALLS).timer();
        return stalls == null ? 0 : stalls.count();
    }

    private static double afterStall(MeterRegistry api) {
        // decision-api counts them as function counters, one per priority
        return api.find(MetricNames.ADMISSION_AFTER_STALL).functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum();
    }

    void read() {
        if (limit != null) {
            synchronized (readings) {
                readings.add(limit.value());
            }
        }
    }

    /**
     * {@code min 8, median 11, max 32 over 30 readings a second apart; 4 stalls of the collector, 120 decisions
     * admitted in their bursts} (ADR 0038), or why there is nothing to say.
     */
    String describe() {
        if (limit == null) {
            return "no adaptive limit (admission off)";
        }
        List<Double> sorted;
        synchronized (readings) {
            sorted = new ArrayList<>(readings);
        }
        if (sorted.isEmpty()) {
            return "not read";
        }
        sorted.sort(null);
        return String.format(Locale.ROOT, "min %.0f, median %.0f, max %.0f over %d readings a second apart; %d"
                + " stalls of the collector, %.0f decisions admitted in their bursts", sorted.getFirst(),
                sorted.get(sorted.size() / 2), sorted.getLast(), sorted.size(), stalls(api) - stallsBefore,
                afterStall(api) - afterStallBefore);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
