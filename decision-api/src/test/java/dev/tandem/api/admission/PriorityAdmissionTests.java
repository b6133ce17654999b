package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.SettableLimit;
import dev.tandem.schemas.event.Priority;
import org.junit.jupiter.api.Test;

class PriorityAdmissionTests {

    final PriorityAdmission admission = new PriorityAdmission(FixedLimit.of(10), 0.8, 0.5, System::nanoTime);

    @Test
    void underLoad_bulkIsRefusedFirst_thenStandard_andTheTopOfTheLimitStaysForCritical() {
        List<PriorityAdmission.Permit> held = new ArrayList<>();
        held.addAll(fill(Priority.BULK));
        assertThat(held).hasSize(5);
        assertThat(admission.admit(Priority.BULK)).isEmpty();

        held.addAll(fill(Priority.STANDARD));
        assertThat(held).hasSize(8);
        assertThat(admission.admit(Priority.STANDARD)).isEmpty();

        held.addAll(fill(Priority.CRITICAL));
        assertThat(held).hasSize(10);
        assertThat(admission.admit(Priority.CRITICAL)).isEmpty();
        assertThat(admission.inFlight()).isEqualTo(10);

        held.forEach(permit -> permit.release(false));
        assertThat(admission.inFlight()).isZero();
        assertThat(admission.admit(Priority.BULK)).isPresent();
    }

    @Test
    void theCeilingsFollowTheAdaptiveLimit() {
        var limit = SettableLimit.startingAt(10);
        var adaptive = new PriorityAdmission(limit, 0.8, 0.5, System::nanoTime);
        assertThat(adaptive.ceiling(Priority.BULK)).isEqualTo(5);

        limit.setLimit(3);

        assertThat(adaptive.ceiling(Priority.CRITICAL)).isEqualTo(3);
        assertThat(adaptive.ceiling(Priority.STANDARD)).isEqualTo(3);
        assertThat(adaptive.ceiling(Priority.BULK)).isEqualTo(2);
    }

    @Test
    void aReleasedPermit_isASampleForTheLimit() {
        var samples = new ArrayList<Long>();
        SettableLimit recording = recording(samples);
        long[] now = { 1_000 };
        var timed = new PriorityAdmission(recording, 0.8, 0.5, () -> now[0]);

        PriorityAdmission.Permit permit = timed.admit(Priority.STANDARD).orElseThrow();
        PriorityAdmission.Permit invalid = timed.admit(Priority.STANDARD).orElseThrow();
        now[0] += 2_500;
        permit.release(false);
        invalid.ignore();

        assertThat(samples).containsExactly(2_500L);
        assertThat(timed.inFlight()).isZero();
    }

    @Test
    void aPermitAnsweredTwice_countsOnce_aSecondReleaseOrIgnoreDoesNothing() {
        var samples = new ArrayList<Long>();
        SettableLimit recording = recording(samples);
        var counted = new PriorityAdmission(recording, 0.8, 0.5, System::nanoTime);
        PriorityAdmission.Permit released = counted.admit(Priority.STANDARD).orElseThrow();
        PriorityAdmission.Permit ignored = counted.admit(Priority.STANDARD).orElseThrow();
        PriorityAdmission.Permit other = counted.admit(Priority.STANDARD).orElseThrow();

        released.release(false);
        released.release(true);
        released.ignore();
        ignored.ignore();
        ignored.ignore();
        ignored.release(false);

        assertThat(samples).hasSize(1);
        assertThat(counted.inFlight()).isEqualTo(1);
        other.ignore();
        assertThat(counted.inFlight()).isZero();
    }

    @Test
    void inTheBurstAfterAStall_criticalAndStandardMayGoPastTheirCeiling_byWhatArrivedDuringIt_noSamples() {
        var samples = new ArrayList<Long>();
        long[] now = { 1_000 };
        var stalls = new FakeStalls();
        var afterPauses = new PriorityAdmission(recording(samples), 0.8, 0.5, stalls, 40, () -> now[0]);
        for (int i = 0; i < 100; i++) { // 100 decisions a second
            now[0] += 10_000_000;
            afterPauses.admit(Priority.STANDARD).orElseThrow().release(false);
        }
        List<PriorityAdmission.Permit> held = new ArrayList<>(fill(afterPauses, Priority.STANDARD));
        assertThat(held).hasSize(8);

        stalls.burst = 120_000_000; // 12 decisions arrived during it
        held.addAll(fill(afterPauses, Priority.STANDARD));
        assertThat(held).hasSize(20);
        assertThat(fill(afterPauses, Priority.BULK)).isEmpty();
        held.addAll(fill(afterPauses, Priority.CRITICAL));
        assertThat(held).hasSize(22);
        assertThat(afterPauses.afterStall(Priority.STANDARD)).isEqualTo(12);
        assertThat(afterPauses.afterStall(Priority.CRITICAL)).isEqualTo(2);

        stalls.burst = 0;
        assertThat(afterPauses.admit(Priority.CRITICAL)).isEmpty();
        int before = samples.size();
        held.forEach(permit -> permit.release(false));
        assertThat(samples.size() - before).isEqualTo(8);
        assertThat(afterPauses.inFlight()).isZero();
    }

    @Test
    void aStallsBurst_goesNoFurtherThanTheBurstLimit() {
        long[] now = { 1_000 };
        var stalls = new FakeStalls();
        var capped = new PriorityAdmission(FixedLimit.of(10), 0.8, 0.5, stalls, 15, () -> now[0]);
        for (int i = 0; i < 1_000; i++) { // 1,000 decisions a second
            now[0] += 1_000_000;
            capped.admit(Priority.STANDARD).orElseThrow().ignore();
        }
        stalls.burst = 100_000_000;

        assertThat(fill(capped, Priority.CRITICAL)).hasSize(15);
    }

    @Test
    void aDecisionAStallHeld_isNoSample_oneBegunAfterIt_is() {
        var samples = new ArrayList<Long>();
        long[] now = { 1_000 };
        var stalls = new FakeStalls();
        var timed = new PriorityAdmission(recording(samples), 0.8, 0.5, stalls, 40, () -> now[0]);
        PriorityAdmission.Permit held = timed.admit(Priority.STANDARD).orElseThrow();
        now[0] += 30;
        stalls.endedAt = now[0];
        PriorityAdmission.Permit after = timed.admit(Priority.STANDARD).orElseThrow();
        now[0] += 2;

        held.release(false);
        after.release(false);

        assertThat(samples).containsExactly(2L);
    }

    /** Stalls the test sets: one that ended at {@code endedAt}, and the length of the one whose burst is on. */
    static final class FakeStalls implements Stalls {
        long endedAt = Long.MIN_VALUE / 2;
        long burst;

        @Override
        public long burst(long now) {
            return burst;
        }

        @Override
        public boolean endedSince(long since) {
            return endedAt - since > 0;
        }
    }

    /** A limit of 10 that records the latency of each sample. */
    private static SettableLimit recording(List<Long> samples) {
        return new SettableLimit(10) {
            @Override
            protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
                samples.add(rtt);
                return getLimit();
            }
        };
    }

    private List<PriorityAdmission.Permit> fill(Priority priority) {
        return fill(admission, priority);
    }

    private static List<PriorityAdmission.Permit> fill(PriorityAdmission admission, Priority priority) {
        var permits = new ArrayList<PriorityAdmission.Permit>();
        for (Optional<PriorityAdmission.Permit> permit = admission.admit(priority); permit.isPresent();
                permit = admission.admit(priority)) {
            permits.add(permit.get());
        }
        return permits;
    }
}
