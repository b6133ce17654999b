package dev.tandem.blender.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.schemas.event.Verdict;
import org.junit.jupiter.api.Test;

class DeadlineReleaseTests {

    private final InMemoryDeadlineIndex index = new InMemoryDeadlineIndex();
    private final DeadlineRelease release = new DeadlineRelease(index);

    @Test
    void finalised_forgetsThatOutcomesDeadlineOnly() {
        index.add("default", "d-1", DeadlineSweeperTests.T0.plusSeconds(5));
        index.add("default", "d-2", DeadlineSweeperTests.T0.plusSeconds(5));

        release.finalised(DeadlineSweeperTests.waiting("d-1", Verdict.APPROVE, "velocity"));

        assertThat(index.deadlines).containsOnlyKeys(new DeadlineIndex.Due("default", "d-2"));
    }

    @Test
    void finalised_outcomeNotIndexed_changesNothing() {
        release.finalised(DeadlineSweeperTests.waiting("d-1", Verdict.APPROVE, "velocity"));

        assertThat(index.deadlines).isEmpty();
    }
}
