package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AdmissionTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void refusalsThatCanHappen_areCountedFromZero_beforeTheFirstOne() {
        Admission.fixed(1, 1, meters);

        assertThat(meters.find("tandem.admission.refused").counters()).hasSize(6)
                .allSatisfy(refused -> assertThat(refused.count()).isZero());
        assertThat(meters.get("tandem.admission.refused").tags("priority", "BULK", "reason", "overloaded").counter()
                .count()).isZero();
        assertThat(meters.get("tandem.admission.refused").tags("priority", "CRITICAL", "reason", "rate_limited")
                .counter().count()).isZero();
    }

    @Test
    void withoutAClientRate_onlyOverloadIsCounted_andWithNoLimitNothingIs() {
        Admission.fixed(1, 0, meters);

        assertThat(meters.find("tandem.admission.refused").counters()).hasSize(3)
                .allSatisfy(refused -> assertThat(refused.getId().getTag("reason")).isEqualTo("overloaded"));

        var nothing = new SimpleMeterRegistry();
        Admission.everything(nothing);
        assertThat(nothing.find("tandem.admission.refused").counters()).isEmpty();
    }

    @Test
    void aRefusal_countsItsPriorityAndReason() {
        var admission = Admission.fixed(10, 1, meters);
        admission.admit(Priority.STANDARD, "client-a");

        assertThatThrownBy(() -> admission.admit(Priority.STANDARD, "client-a")).isInstanceOf(Admission.Refused.class);

        assertThat(meters.get("tandem.admission.refused").tags("priority", "STANDARD", "reason", "rate_limited")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("tandem.admission.refused").tags("priority", "STANDARD", "reason", "overloaded")
                .counter().count()).isZero();
    }
}
