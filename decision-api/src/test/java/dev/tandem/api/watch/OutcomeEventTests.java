package dev.tandem.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.schemas.event.OutcomeStatus;
import org.junit.jupiter.api.Test;

class OutcomeEventTests {

    @Test
    void aStreamIsFinalOnlyOnceNothingCanChangeTheOutcome() {
        assertThat(OutcomeEvent.of(OutcomeStatus.PROVISIONAL, false, true)).isEqualTo(OutcomeEvent.PROVISIONAL);
        assertThat(OutcomeEvent.of(OutcomeStatus.ENRICHING, false, true)).isEqualTo(OutcomeEvent.ENRICHED);
        assertThat(OutcomeEvent.of(OutcomeStatus.FINAL, true, true)).isEqualTo(OutcomeEvent.FINAL);
        // timed out while an enricher is pending, in a flow that amends: a late result may still escalate it
        assertThat(OutcomeEvent.of(OutcomeStatus.TIMED_OUT, false, true)).isEqualTo(OutcomeEvent.ENRICHED);
        assertThat(OutcomeEvent.of(OutcomeStatus.AMENDED, false, true)).isEqualTo(OutcomeEvent.ENRICHED);
        // nothing pending, or a flow that never amends: settled
        assertThat(OutcomeEvent.of(OutcomeStatus.TIMED_OUT, true, true)).isEqualTo(OutcomeEvent.FINAL);
        assertThat(OutcomeEvent.of(OutcomeStatus.AMENDED, true, true)).isEqualTo(OutcomeEvent.FINAL);
        assertThat(OutcomeEvent.of(OutcomeStatus.TIMED_OUT, false, false)).isEqualTo(OutcomeEvent.FINAL);
    }
}
