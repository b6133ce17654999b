package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.tandem.schemas.event.Priority;
import org.junit.jupiter.api.Test;

class PriorityTallyTests {

    @Test
    void observe_splitsAnswersByTheirDecisionsPriority_andByAdmittedShedOrFailed() {
        var tally = new PriorityTally(Mix.DEFAULT); // decision 9 is CRITICAL, 2 STANDARD, 0 BULK

        tally.observe(109, 201, 4_000);
        tally.observe(119, 200, 6_000);
        tally.observe(129, 503, 900);
        tally.observe(102, 503, 500);
        tally.observe(105, 429, 700);
        tally.observe(100, 503, 300);
        tally.observe(101, 0, 10_000_000);
        tally.observe(103, 500, 2_000);

        List<PriorityTally.Answers> answers = tally.answers(100, 100);

        assertThat(answers).extracting(PriorityTally.Answers::priority)
                .containsExactly(Priority.CRITICAL, Priority.STANDARD, Priority.BULK);
        PriorityTally.Answers critical = answers.get(0);
        assertThat(critical.sent()).isEqualTo(10);
        assertThat(critical.admittedCount()).isEqualTo(2);
        assertThat(critical.admitted().getMaxValue()).isBetween(5_990L, 6_010L);
        assertThat(critical.shedCount()).isEqualTo(1);
        assertThat(critical.failed()).isZero();
        assertThat(critical.unsent()).isEqualTo(7); // observed nothing of them
        PriorityTally.Answers standard = answers.get(1);
        assertThat(List.of(standard.sent(), standard.admittedCount(), standard.shedCount(), standard.failed()))
                .containsExactly(30L, 0L, 2L, 0L);
        PriorityTally.Answers bulk = answers.get(2);
        assertThat(List.of(bulk.sent(), bulk.admittedCount(), bulk.shedCount(), bulk.failed()))
                .containsExactly(60L, 0L, 1L, 2L);
    }

    @Test
    void answers_leaveOutThePrioritiesTheMixHasNoneOf() {
        var tally = new PriorityTally(Mix.ALL_CRITICAL);
        tally.observe(0, 201, 1_000);

        assertThat(tally.answers(0, 50)).singleElement().satisfies(critical -> {
            assertThat(critical.priority()).isEqualTo(Priority.CRITICAL);
            assertThat(critical.sent()).isEqualTo(50);
            assertThat(critical.admittedCount()).isOne();
        });
    }

    @Test
    void answers_areCopies_soLaterObservationsDoNotChangeAReportedPhase() {
        var tally = new PriorityTally(Mix.ALL_CRITICAL);
        tally.observe(0, 201, 1_000);
        PriorityTally.Answers before = tally.answers(0, 10).getFirst();

        tally.observe(1, 201, 1_000);

        assertThat(before.admittedCount()).isOne();
    }
}
