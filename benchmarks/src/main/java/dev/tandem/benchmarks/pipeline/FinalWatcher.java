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
 * before the sender has read the decision's id from decision-api's answer: either side may come first. Also records
 * 201 → FINAL, the asynchronous path alone.
 */
final class FinalWatcher {

    /** One decision: when it was meant to be sent, when its end state was seen ({@code -1} while not known). */
    private record Entry(long intendedNanos, long acceptedNanos, long endNanos, boolean measured, boolean timedOut) {
    }

    private static final long UNKNOWN = -1;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Histogram toFinal = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram afterAnswer = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
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
                ? new Entry(UNKNOWN, UNKNOWN, nowNanos, false, isTimeout)
                : new Entry(known.intendedNanos(), known.acceptedNanos(), nowNanos, known.measured(), isTimeout));
        complete(decisionId, entry);
    }

    /**
     * decision-api accepted decision {@code decisionId}, meant to be sent on {@code intendedNanos}; its 201 arrived
     * on {@code acceptedNanos}.
     */
    void onAccepted(String decisionId, long intendedNanos, long acceptedNanos, boolean measured) {
        Entry entry = entries.compute(decisionId, (id, known) -> known == null
                ? new Entry(intendedNanos, acceptedNanos, UNKNOWN, measured, false)
                : new Entry(intendedNanos, acceptedNanos, known.endNanos(), measured, known.timedOut()));
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
                // the notification may beat the 201 to this JVM: FINAL was then known before the answer, count 0
                afterAnswer.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0,
                        entry.endNanos() - entry.acceptedNanos())));
            }
        }
    }

    /** decision → FINAL of the measured decisions, in µs. */
    Histogram toFinal() {
        return toFinal;
    }

    /**
     * The 201 → FINAL of the measured decisions, in µs: the asynchronous path alone, once the caller has its
     * provisional answer.
     */
    Histogram afterAnswer() {
        return afterAnswer;
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
