package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tandem.benchmarks.HeapMeter;
import dev.tandem.benchmarks.openloop.LoadResult;
import dev.tandem.schemas.event.Priority;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OverloadReportTests {

    static final AsyncBacklog.Drain IDLE = new AsyncBacklog.Drain(2_000, 0, 0, 0, 0, Duration.ofMillis(500));
    static final HeapMeter.Use NO_PAUSE = new HeapMeter.Use(Duration.ofSeconds(20), 1_000_000, 0, List.of());
    static final HeapMeter.Use TWO_PAUSES = new HeapMeter.Use(Duration.ofSeconds(20), 1_000_000, 0, List.of(
            new HeapMeter.Pause(1, "G1 Young Generation", Duration.ofMillis(20)),
            new HeapMeter.Pause(2, "G1 Young Generation", Duration.ofMillis(12))));

    @Test
    void markdown_hasTheUnloadedBaseline_aRowPerPriorityUnderOverload_andTheirSum() {
        OverloadRun run = run(unloaded(4_000), loaded(7_000, 600, 2_000));

        String text = OverloadReport.markdown(List.of(run));

        assertThat(text)
                .contains("| unloaded | CRITICAL | 100 | 2,000 | 2,000 | 0 | 0 | 4.00 | 4.00 | 4.00 | 4.00 | — | — | — |"
                        + " 2,000 FINAL, 0 TIMED_OUT; idle 0.5 s after the run |")
                .contains("| 3 × | CRITICAL | 30 | 600 | 600 | 0 | 0 | 7.00 | 7.00 | 7.00 | 7.00 | — | — | — | — |")
                .contains("| 3 × | STANDARD | 90 | 1,800 | 1,200 | 600 | 0 | 7.00 |")
                .contains("| 3 × | BULK | 180 | 3,600 | 600 | 2,000 | 1,000 | 7.00 |")
                .contains("| 3 × | all | 300 | 6,000 | 2,400 | 2,600 | 1,000 | 7.00 | 7.00 | 7.00 | 7.00 | 2.00 | 2.00"
                        + " | 2.00 | 2,000 FINAL")
                .contains("CRITICAL admitted at 300/s (10 % CRITICAL, 30 % STANDARD, 60 % BULK) ÷ alone at 100/s:"
                        + " p50 1.75× (7.00 ÷ 4.00 ms), p99 1.75× (7.00 ÷ 4.00 ms)")
                .contains("The collector in the measured windows (the JVM of decision-api and the generator): alone"
                        + " no pause; at 300/s 2 pauses, 12.0–20.0 ms, 32 ms in all.")
                .contains("Failures other than refusals: no answer within 10 s of the last send at 300/s × 1,000.")
                .doesNotContain("HTTP 503 at");
    }

    @Test
    void judge_criticalWithinTwiceItsUnloadedP99_andShedFasterThanAnUnloadedDecision_isMet() {
        assertThat(OverloadReport.judge(List.of(run(unloaded(4_000), loaded(7_900, 600, 2_000))))).singleElement()
                .asString().startsWith(OverloadReport.GOAL + ": **met** — 100/s → 300/s: CRITICAL admitted p99 1.98×"
                        + " (7.90 ÷ 4.00 ms); 0 of 600 CRITICAL shed; 2,600 of 6,000 decisions shed, p99 2.00 ms");
    }

    @Test
    void judge_criticalAboveTwiceItsUnloadedP99_orSlowRefusals_isNotMet_sayingWhich() {
        assertThat(OverloadReport.judge(List.of(run(unloaded(4_000), loaded(8_500, 600, 2_000)))).getFirst())
                .contains("**NOT met** (CRITICAL p99 above 2 × unloaded)");
        assertThat(OverloadReport.judge(List.of(run(unloaded(4_000), loaded(9_000, 600, 5_000)))).getFirst())
                .contains("**NOT met** (CRITICAL p99 above 2 × unloaded; shed p99 above the unloaded CRITICAL p99)");
    }

    @Test
    void judge_isOpen_whenTheRateGivenWasNotSustainable_orThreeTimesItShedNothing() {
        OverloadRun.Phase sheddingAlready = phase(100, Map.of(Priority.CRITICAL, shed(answers(Priority.CRITICAL,
                2_000, 4_000, 1_990, 0), 500, 10)), Map.of());
        OverloadRun.Phase nothingShed = phase(300, Map.of(Priority.CRITICAL, answers(Priority.CRITICAL, 600, 5_000,
                600, 0), Priority.STANDARD, answers(Priority.STANDARD, 1_800, 5_000, 1_800, 0), Priority.BULK,
                answers(Priority.BULK, 3_600, 5_000, 3_600, 0)), Map.of());

        assertThat(OverloadReport.judge(List.of(run(sheddingAlready, loaded(7_000, 600, 2_000)))).getFirst())
                .contains("open: 100/s was not sustainable (10 shed, 0 failed");
        assertThat(OverloadReport.judge(List.of(run(unloaded(4_000), nothingShed))).getFirst())
                .contains("open: nothing was shed at 300/s, so 100/s is below the sustainable rate");
        assertThat(OverloadReport.judge(List.of())).containsExactly(OverloadReport.GOAL
                + ": not measured (no overload run: --targets overload)");
    }

    @Test
    void hotPathMarkdown_withTheOverloadRunAlone_hasItsSectionAndGoal_andNoEmptyTargetTable() {
        String text = HotPathReport.markdown("setup", List.of(), List.of(run(unloaded(4_000),
                loaded(7_000, 600, 2_000))), List.of("bench-hotpath-overload-100.svg"));

        assertThat(text).doesNotContain("| target | rate /s").contains("| phase | priority | rate /s")
                .contains("- " + OverloadReport.GOAL + ": **met**")
                .contains("- 3,000 decisions/s with p99 under 10 ms: not measured")
                .contains("Percentile plots: bench-hotpath-overload-100.svg");
        assertThat(OverloadReport.plot(run(unloaded(4_000), loaded(7_000, 600, 2_000)), Duration.ofSeconds(20)))
                .startsWith("<svg").contains("CRITICAL alone, 100/s", "BULK admitted, 3 ×", "shed, 3 ×",
                        "goal: CRITICAL p99 ≤ 8.00 ms");
    }

    /** CRITICAL alone at 100/s for 20 s, every decision admitted in {@code micros}. */
    private static OverloadRun.Phase unloaded(long micros) {
        return phase(100, Map.of(Priority.CRITICAL, answers(Priority.CRITICAL, 2_000, micros, 2_000, 0)), Map.of());
    }

    /**
     * The default mix at 300/s for 20 s: every CRITICAL admitted in {@code criticalMicros}, STANDARD a third shed,
     * BULK mostly shed and 1,000 unanswered; other admitted answers in {@code criticalMicros}, shed in {@code shedMicros}.
     */
    private static OverloadRun.Phase loaded(long criticalMicros, long critical, long shedMicros) {
        return phase(300, Map.of(Priority.CRITICAL, answers(Priority.CRITICAL, critical, criticalMicros, critical, 0),
                Priority.STANDARD, shed(answers(Priority.STANDARD, 1_800, criticalMicros, 1_200, 0), shedMicros, 600),
                Priority.BULK, shed(answers(Priority.BULK, 3_600, criticalMicros, 600, 0), shedMicros, 2_000)),
                Map.of("HTTP 503", 2_600L, "no answer within 10 s of the last send", 1_000L), TWO_PAUSES);
    }

    private static OverloadRun run(OverloadRun.Phase unloaded, OverloadRun.Phase loaded) {
        return new OverloadRun(100, Mix.DEFAULT, unloaded, loaded);
    }

    private static OverloadRun.Phase phase(int rate, Map<Priority, PriorityTally.Answers> answers,
            Map<String, Long> errors) {
        return phase(rate, answers, errors, NO_PAUSE);
    }

    private static OverloadRun.Phase phase(int rate, Map<Priority, PriorityTally.Answers> answers,
            Map<String, Long> errors, HeapMeter.Use heap) {
        List<PriorityTally.Answers> ordered = List.of(Priority.values()).stream().filter(answers::containsKey)
                .map(answers::get).toList();
        var latency = new Histogram(3);
        ordered.forEach(a -> latency.add(a.admitted()));
        long admitted = latency.getTotalCount();
        long sent = ordered.stream().mapToLong(PriorityTally.Answers::sent).sum();
        var load = new LoadResult(rate, Duration.ofSeconds(20), latency, new Histogram(3), sent, admitted, 0, errors,
                admitted / 20.0, admitted, 128);
        return new OverloadRun.Phase(load, ordered, IDLE, heap);
    }

    private static PriorityTally.Answers answers(Priority priority, long sent, long admittedMicros, long admitted,
            long failed) {
        var histogram = new Histogram(3);
        histogram.recordValueWithCount(admittedMicros, admitted);
        return new PriorityTally.Answers(priority, sent, histogram, new Histogram(3), failed);
    }

    private static PriorityTally.Answers shed(PriorityTally.Answers answers, long micros, long count) {
        answers.shed().recordValueWithCount(micros, count);
        return answers;
    }
}
