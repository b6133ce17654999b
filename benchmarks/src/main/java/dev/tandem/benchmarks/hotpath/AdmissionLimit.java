package dev.tandem.benchmarks.hotpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * decision-api's adaptive admission limit ({@code tandem.admission.limit}), read once a second through a run: where it
 * stood while decisions were refused. Hot path result 22 found the refusals at 3,000/s by polling it by hand (Gradient2
 * fed each decision sat at 8–14; ADR 0035); this prints it with every decision run.
 */
final class AdmissionLimit implements AutoCloseable {

    private final @Nullable Gauge limit;
    private final List<Double> readings = new ArrayList<>();
    private final @Nullable ScheduledExecutorService timer;

    private AdmissionLimit(@Nullable Gauge limit, boolean scheduled) {
        this.limit = limit;
        this.timer = scheduled ? Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("admission-limit").daemon().factory()) : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(this::read, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Reads decision-api's limit once a second until closed; nothing when admission is off (no such gauge). */
    static AdmissionLimit sample(MeterRegistry api) {
        Gauge gauge = api.find(MetricNames.ADMISSION_LIMIT).gauge();
        return new AdmissionLimit(gauge, gauge != null);
    }

    /** A sampler that reads only when told to (for tests). */
    static AdmissionLimit manual(MeterRegistry api) {
        return new AdmissionLimit(api.find(MetricNames.ADMISSION_LIMIT).gauge(), false);
    }

    void read() {
        if (limit != null) {
            synchronized (readings) {
                readings.add(limit.value());
            }
        }
    }

    /** {@code min 8, median 11, max 32 over 30 readings}, or why there is nothing to say. */
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
        return String.format(Locale.ROOT, "min %.0f, median %.0f, max %.0f over %d readings a second apart",
                sorted.getFirst(), sorted.get(sorted.size() / 2), sorted.getLast(), sorted.size());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
