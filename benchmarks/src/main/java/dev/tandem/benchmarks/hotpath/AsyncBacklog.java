package dev.tandem.benchmarks.hotpath;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

/**
 * The hybrid decisions' asynchronous side: how many outcomes the blender has finalised (FINAL or TIMED_OUT, from its
 * {@code tandem.outcome.finalised} counter, in this JVM or read from its Prometheus endpoint) against how many decisions decision-api accepted and published, and the
 * records its consumer groups have still to process (results that arrive after a decision's deadline still amend it).
 * Read between runs, so that nothing is added to the measured path.
 */
final class AsyncBacklog {

    /** The blender's end states so far. */
    record Mark(long finals, long timedOut) {
    }

    /**
     * How the asynchronous path finished what one run's decisions left it.
     *
     * @param finals decisions that went FINAL
     * @param timedOut decisions that reached their deadline first (TIMED_OUT)
     * @param unpublished decisions whose {@code DecisionMade} decision-api could not publish: they stay provisional
     *        (until a repeated request publishes them again), so they are not waited for
     * @param missing published decisions without an end state when the wait gave up
     * @param unprocessed records the consumer groups had not processed when the wait ended
     * @param took from the end of the run until the asynchronous path was idle (or until the wait gave up)
     */
    record Drain(long finals, long timedOut, long unpublished, long missing, long unprocessed, Duration took) {

        /** No asynchronous half ran ({@code --asynchronous off}): nothing was waited for. */
        static final Drain NONE = new Drain(0, 0, 0, 0, 0, Duration.ZERO);

        boolean done() {
            return missing == 0 && unprocessed == 0;
        }

        String describe() {
            if (equals(NONE)) {
                return "not waited for (no asynchronous half: --asynchronous off)";
            }
            String ends = String.format(Locale.ROOT, "%,d FINAL, %,d TIMED_OUT%s", finals, timedOut, unpublished == 0
                    ? "" : String.format(Locale.ROOT, ", %,d not published to Kafka (left PROVISIONAL)", unpublished));
            return done() ? String.format(Locale.ROOT, "%s; idle %.1f s after the run", ends, took.toMillis() / 1e3)
                    : String.format(Locale.ROOT, "%s; %,d without an end state, %,d records unprocessed %d s after"
                            + " the run", ends, missing, unprocessed, took.toSeconds());
        }
    }

    private final Supplier<Mark> ends;
    private final LongSupplier unprocessed;
    private final Duration poll;

    /**
     * @param ends blender's {@code tandem.outcome.finalised} counts so far, FINAL and TIMED_OUT
     * @param unprocessed the records the consumer groups have not processed yet
     * @param poll how often {@link #await} reads them while decisions are still without an end state (each read of
     *        a blender in another JVM is a scrape of its Prometheus endpoint, work for the half being waited for)
     */
    AsyncBacklog(Supplier<Mark> ends, LongSupplier unprocessed, Duration poll) {
        this.ends = ends;
        this.unprocessed = unprocessed;
        this.poll = poll;
    }

    /** blender's end states so far, from a registry of this JVM. */
    static Supplier<Mark> endsIn(MeterRegistry blender) {
        return () -> new Mark(count(blender, "FINAL"), count(blender, "TIMED_OUT"));
    }

    private static long count(MeterRegistry blender, String status) {
        return (long) Search.in(blender).name(MetricNames.OUTCOME_FINALISED).tag(MetricNames.TAG_STATUS, status)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    Mark mark() {
        return ends.get();
    }

    /**
     * Waits until the {@code accepted − unpublished} decisions made since {@code since} have an end state and every
     * consumer group has processed everything, at most {@code limit}, printing progress every 5 s.
     */
    Drain await(Mark since, long accepted, long unpublished, Duration limit, Consumer<String> progress)
            throws InterruptedException {
        long expected = accepted - unpublished;
        long start = System.nanoTime();
        long lastPrint = start;
        while (true) {
            Mark now = mark();
            long finals = now.finals() - since.finals();
            long timedOut = now.timedOut() - since.timedOut();
            long missing = Math.max(0, expected - finals - timedOut);
            long records = missing == 0 ? unprocessed.getAsLong() : -1;
            long at = System.nanoTime();
            if (records == 0 || at - start > limit.toNanos()) {
                return new Drain(finals, timedOut, unpublished, missing,
                        records == -1 ? unprocessed.getAsLong() : records, Duration.ofNanos(at - start));
            }
            if (at - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
                progress.accept(String.format(Locale.ROOT, "    asynchronous path: %,d of %,d decisions ended,"
                        + " %,d to go%s (%d s)", finals + timedOut, expected, missing, records > 0
                                ? String.format(Locale.ROOT, ", %,d records to process", records) : "",
                        TimeUnit.NANOSECONDS.toSeconds(at - start)));
                lastPrint = at;
            }
            Thread.sleep(Math.max(poll.toMillis(), missing == 0 ? 100 : 0));
        }
    }
}
