package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tandem.api.admission.EnrichmentBacklog.Backlog;
import dev.tandem.schemas.event.Priority;
import org.junit.jupiter.api.Test;

class BacklogLimitsTests {

    final BacklogLimits limits = new BacklogLimits(2_000, 1_000);

    @Test
    void standardAndBulk_eachHeldToTheirLimit_criticalToNone() {
        assertThat(limits.refuses(Priority.BULK, new Backlog(0, 1_000))).isFalse();
        assertThat(limits.refuses(Priority.BULK, new Backlog(0, 1_001))).isTrue();
        assertThat(limits.refuses(Priority.STANDARD, new Backlog(2_000, 50_000))).isFalse();
        assertThat(limits.refuses(Priority.STANDARD, new Backlog(2_001, 0))).isTrue();
        assertThat(limits.refuses(Priority.CRITICAL, new Backlog(Long.MAX_VALUE, Long.MAX_VALUE))).isFalse();
        assertThat(limits.refuses(Priority.BULK, Backlog.NONE)).isFalse();
        assertThat(limits.describe(Priority.BULK, new Backlog(5, 1_001)))
                .isEqualTo("1,001 decisions wait for enrichment, over BULK's limit of 1,000");
        assertThat(limits.describe(Priority.STANDARD, new Backlog(2_001, 9)))
                .isEqualTo("2,001 decisions wait for enrichment, over STANDARD's limit of 2,000");
    }

    @Test
    void limitsArePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BacklogLimits(0, 10));
    }
}
