package dev.tandem.benchmarks.hotpath;

import java.util.List;

import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.openloop.LoadResult;
import dev.tandem.schemas.event.Priority;
import org.HdrHistogram.Histogram;

/**
 * Issue 6's overload measurement at one sustainable rate: CRITICAL decisions alone at {@code rate} (the unloaded
 * baseline), then the mix at {@link #FACTOR} × {@code rate}, each with its asynchronous path awaited afterwards.
 *
 * @param rate the sustainable rate, per second
 * @param mix the loaded phase's priorities
 * @param unloaded CRITICAL alone at {@code rate}
 * @param loaded the mix at {@code FACTOR × rate}
 */
record OverloadRun(int rate, Mix mix, Phase unloaded, Phase loaded) {

    /** The goal's overload: 3 × the sustainable rate. */
    static final int FACTOR = 3;
    /** The goal's bound: admitted CRITICAL's p99 under overload within 2 × its unloaded p99. */
    static final double MAX_RATIO = 2;

    /**
     * One phase: what the load generator measured (its errors include the shed answers, its latency only the
     * admitted ones), the answers by priority, how the asynchronous path finished the admitted decisions, and this
     * JVM's heap over the measured window (its collector's pauses stop decision-api and the generator alike).
     */
    record Phase(LoadResult load, List<PriorityTally.Answers> answers, AsyncBacklog.Drain drain, HeapMeter.Use heap) {

        Phase {
            answers = List.copyOf(answers);
        }

        /** {@code priority}'s answers; none when the mix has none of them. */
        PriorityTally.Answers of(Priority priority) {
            return answers.stream().filter(a -> a.priority() == priority).findFirst()
                    .orElseGet(() -> new PriorityTally.Answers(priority, 0, new Histogram(3), new Histogram(3), 0));
        }

        long sent() {
            return answers.stream().mapToLong(PriorityTally.Answers::sent).sum();
        }

        long admitted() {
            return answers.stream().mapToLong(PriorityTally.Answers::admittedCount).sum();
        }

        long shed() {
            return answers.stream().mapToLong(PriorityTally.Answers::shedCount).sum();
        }

        /** Failed or never sent: neither admitted nor shed. */
        long failed() {
            return sent() - admitted() - shed();
        }

        /** Every priority's shed answers, in µs. */
        Histogram shedLatency() {
            var all = new Histogram(3);
            answers.forEach(a -> all.add(a.shed()));
            return all;
        }

        /** Every answer admitted, none shed or failed, and at least 99 % of the rate answered. */
        boolean sustained() {
            return shed() == 0 && failed() == 0 && load.achievedPerSecond() >= 0.99 * load.intendedPerSecond();
        }
    }

    /** Admitted CRITICAL decisions' latency at {@code percentile} when unloaded, in ms. */
    double unloadedMillis(double percentile) {
        return millis(unloaded.of(Priority.CRITICAL).admitted(), percentile);
    }

    /** Admitted CRITICAL decisions' latency at {@code percentile} at {@code FACTOR × rate}, in ms. */
    double loadedMillis(double percentile) {
        return millis(loaded.of(Priority.CRITICAL).admitted(), percentile);
    }

    static double millis(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
