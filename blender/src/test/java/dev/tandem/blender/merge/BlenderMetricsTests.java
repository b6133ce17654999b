package dev.tandem.blender.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BlenderMetricsTests {

    @Test
    void startAtZero_showsDuplicatesAndLateResultsOfEveryRequiredEnricher_beforeAnyHappens() {
        var meters = new SimpleMeterRegistry();

        new BlenderMetrics(meters).startAtZero(MergeServiceTests.flows());

        assertThat(meters.get("tandem.outcome.duplicates").tag("enricher", "velocity").counter().count()).isZero();
        assertThat(meters.get("tandem.outcome.late.results").tag("enricher", "velocity").counter().count()).isZero();
    }

    @Test
    void startAtZero_showsFlipsOfEveryFlowAndPairOfDifferentVerdicts_beforeAnyHappens() {
        var meters = new SimpleMeterRegistry();

        new BlenderMetrics(meters).startAtZero(MergeServiceTests.flows());

        assertThat(meters.find("tandem.outcome.flips").counters()).hasSize(6)
                .allSatisfy(flips -> assertThat(flips.count()).isZero())
                .allSatisfy(flips -> assertThat(flips.getId().getTag("flow")).isEqualTo("payments"))
                .noneSatisfy(flips -> assertThat(flips.getId().getTag("from")).isEqualTo(flips.getId().getTag("to")));
        assertThat(meters.get("tandem.outcome.flips").tags("from", "APPROVE", "to", "DECLINE").counter().count())
                .isZero();
    }
}
