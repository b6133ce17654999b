package dev.tandem.benchmarks.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Matches the blender's pub/sub notifications ({@code {"decisionId":…,"version":…,"status":"FINAL"}}) with the
 * decisions sent, and records decision → FINAL from each decision's intended send time. A notification may arrive
 * before the sender has read the decision's id from decision-api's answer: either side may come first.
 */
final class FinalWatcher {

    /** One decision: when it was meant to be sent, when its end state was seen ({@code -1} while not known). */
    private record Entry(long intendedNanos, long endNanos, boolean measured, boolean timedOut) {
    }

    private static final long UNKNOWN = -1;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Histogram toFinal = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final JsonMapper json = JsonMapper.builder().build();
    private final LongAdder finals = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder ended = new LongAdder();

    /** A pub/sub message, as it arrived on {@code nowNanos}. */
    void onMessage(String message, long nowNanos) {
        JsonNode node = json.readTree(message);
        String status = node.path("status").asString("");
        if (!status.equals("FINAL") && !status.equals("TIMED_OUT")) {
            return;
        }
        String decisionId = node.path("decisionId").asString("");
        boolean isTimeout = status.equals("TIMED_OUT");
        Entry entry = entries.compute(decisionId, (id, known) -> known == null
                ? new Entry(UNKNOWN, nowNanos, false, isTimeout)
                : new Entry(known.intendedNanos(), nowNanos, known.measured(), isTimeout));
        complete(decisionId, entry);
    }

    /** decision-api accepted decision {@code decisionId}, meant to be sent on {@code intendedNanos}. */
    void onAccepted(String decisionId, long intendedNanos, boolean measured) {
        Entry entry = entries.compute(decisionId, (id, known) -> known == null
                ? new Entry(intendedNanos, UNKNOWN, measured, false)
                : new Entry(intendedNanos, known.endNanos(), measured, known.timedOut()));
        complete(decisionId, entry);
    }

    private void complete(String decisionId, Entry entry) {
        if (entry.intendedNanos() == UNKNOWN || entry.endNanos() == UNKNOWN) {
            return;
        }
        if (!entries.remove(decisionId, entry)) {
            return;
        }
        ended.increment();
        if (entry.measured()) {
            if (entry.timedOut()) {
                timedOut.increment();
            } else {
                finals.increment();
                toFinal.recordValue(TimeUnit.NANOSECONDS.toMicros(entry.endNanos() - entry.intendedNanos()));
            }
        }
    }

    /** decision → FINAL of the measured decisions, in µs. */
    Histogram toFinal() {
        return toFinal;
    }

    /** Decisions, measured or not, whose end state was seen. */
    long ended() {
        return ended.sum();
    }

    long finals() {
        return finals.sum();
    }

    long timedOut() {
        return timedOut.sum();
    }
}
