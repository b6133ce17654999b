package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tandem.api.admission.EnrichmentBacklog.Backlog;
import dev.tandem.schemas.event.Priority;
import org.junit.jupiter.api.Test;

class BacklogLimitsTests {

    final BacklogLimits limits = new BacklogLimits(2_000, 1_000);

    @Test
    void bulkWaitsBehindBothLanes_standardBehindTheMainOne_criticalBehindNone() {
        assertThat(limits.refuses(Priority.BULK, new Backlog(1_000, 0))).isFalse();
        assertThat(limits.refuses(Priority.BULK, new Backlog(600, 401))).isTrue();
        assertThat(limits.refuses(Priority.STANDARD, new Backlog(2_000, 50_000))).isFalse();
        assertThat(limits.refuses(Priority.STANDARD, new Backlog(2_001, 0))).isTrue();
        assertThat(limits.refuses(Priority.CRITICAL, new Backlog(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2))).isFalse();
        assertThat(limits.refuses(Priority.BULK, Backlog.NONE)).isFalse();
    }

    @Test
    void limitsArePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BacklogLimits(0, 10));
    }
}
