package dev.tandem.benchmarks.hotpath;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.tandem.benchmarks.openloop.LoadRun;
import dev.tandem.schemas.event.Priority;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The overload run's answers split by priority (from the {@link Mix}) and by kind: admitted (201, or 200 for a
 * repeated request id), shed (503: the priority's share of the concurrency limit in use; 429: the client over its
 * rate), anything else failed (another status, an I/O error, no answer). Latencies in µs from each decision's due
 * time, as the open-loop run measures them. Thread-safe: the run's connections observe into it at once.
 */
final class PriorityTally implements LoadRun.Observer {

    /** One priority's measured decisions, latencies in µs. */
    record Answers(Priority priority, long sent, Histogram admitted, Histogram shed, long failed) {

        long admittedCount() {
            return admitted.getTotalCount();
        }

        long shedCount() {
            return shed.getTotalCount();
        }

        /** Decisions due in the window that were never sent (the run ended with them still queued). */
        long unsent() {
            return Math.max(0, sent - admittedCount() - shedCount() - failed);
        }
    }

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Mix mix;
    private final Map<Priority, Histogram> admitted = new EnumMap<>(Priority.class);
    private final Map<Priority, Histogram> shed = new EnumMap<>(Priority.class);
    private final Map<Priority, LongAdder> failed = new EnumMap<>(Priority.class);

    PriorityTally(Mix mix) {
        this.mix = mix;
        for (Priority priority : Priority.values()) {
            admitted.put(priority, new ConcurrentHistogram(HIGHEST_MICROS, 3));
            shed.put(priority, new ConcurrentHistogram(HIGHEST_MICROS, 3));
            failed.put(priority, new LongAdder());
        }
    }

    @Override
    public void observe(long i, int status, long micros) {
        Priority priority = mix.of(i);
        long value = Math.min(HIGHEST_MICROS, Math.max(0, micros));
        switch (status) {
            case 200, 201 -> admitted.get(priority).recordValue(value);
            case 503, 429 -> shed.get(priority).recordValue(value);
            default -> failed.get(priority).increment();
        }
    }

    /**
     * Each priority of the mix (those above 0 %), in the order CRITICAL, STANDARD, BULK, over the measured decisions
     * {@code firstMeasured} to {@code firstMeasured + measured − 1}.
     */
    List<Answers> answers(long firstMeasured, long measured) {
        var answers = new ArrayList<Answers>();
        mix.percents().forEach((priority, percent) -> {
            if (percent > 0) {
                answers.add(new Answers(priority, mix.count(priority, firstMeasured, measured),
                        admitted.get(priority).copy(), shed.get(priority).copy(), failed.get(priority).sum()));
            }
        });
        return answers;
    }
}
