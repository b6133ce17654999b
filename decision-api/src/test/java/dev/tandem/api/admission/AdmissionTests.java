package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

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
    void behindTheEnrichers_bulkThenStandardAreRefused_criticalNever() {
        var backlog = new AtomicReference<>(EnrichmentBacklog.Backlog.NONE);
        EnrichmentBacklog ofPaymentRisk = flow -> "payment-risk".equals(flow) ? backlog.get()
                : EnrichmentBacklog.Backlog.NONE;
        var admission = new Admission(null, null, new Admission.BacklogGate(ofPaymentRisk, new BacklogLimits(200, 100)),
                Duration.ofSeconds(2), meters);

        backlog.set(new EnrichmentBacklog.Backlog(60, 100));
        admission.admit(Priority.BULK, "payment-risk", null).release(false);
        backlog.set(new EnrichmentBacklog.Backlog(60, 101));
        assertThatThrownBy(() -> admission.admit(Priority.BULK, "payment-risk", null))
                .isInstanceOfSatisfying(Admission.Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Admission.Reason.BACKLOGGED);
                    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(refused).hasMessage("The enrichers are behind: 101 decisions wait for enrichment, over"
                            + " BULK's limit of 100; retry after 2s");
                });
        admission.admit(Priority.BULK, "content-moderation", null).release(false); // another flow's enrichers
        admission.admit(Priority.BULK, null, null).release(false); // no flow named: refused later, as invalid
        admission.admit(Priority.STANDARD, "payment-risk", null).release(false);

        backlog.set(new EnrichmentBacklog.Backlog(5_000, 5_000));
        assertThatThrownBy(() -> admission.admit(Priority.STANDARD, "payment-risk", null)).hasMessage("The enrichers"
                + " are behind: 5,000 decisions wait for enrichment, over STANDARD's limit of 200; retry after 2s");
        admission.admit(Priority.CRITICAL, "payment-risk", null).release(false);

        assertThat(meters.get("tandem.admission.refused").tags("priority", "BULK", "reason", "backlogged").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("tandem.admission.refused").tags("priority", "STANDARD", "reason", "backlogged")
                .counter().count()).isEqualTo(1);
        assertThat(meters.find("tandem.admission.refused").tags("priority", "CRITICAL", "reason", "backlogged")
                .counter()).as("CRITICAL is never refused for the backlog").isNull();
    }

    @Test
    void aRefusal_countsItsPriorityAndReason() {
        var admission = Admission.fixed(10, 1, meters);
        admission.admit(Priority.STANDARD, null, "client-a");

        assertThatThrownBy(() -> admission.admit(Priority.STANDARD, null, "client-a")).isInstanceOf(Admission.Refused.class);

        assertThat(meters.get("tandem.admission.refused").tags("priority", "STANDARD", "reason", "rate_limited")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("tandem.admission.refused").tags("priority", "STANDARD", "reason", "overloaded")
                .counter().count()).isZero();
    }
}
