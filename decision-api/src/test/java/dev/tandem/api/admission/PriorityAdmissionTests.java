package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    void aStandardDecisionThatFindsItsShareInUse_waitsForAPermitReleasedMeanwhile() throws Exception {
        var waits = new PriorityAdmission(FixedLimit.of(10), 0.8, 0.5, Duration.ofSeconds(30), System::nanoTime);
        List<PriorityAdmission.Permit> held = fill(waits, Priority.STANDARD);
        assertThat(held).hasSize(8);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<PriorityAdmission.Permit>> waiter = threads.submit(() -> waits.admit(Priority.STANDARD));
            while (waits.waiting() == 0) {
                Thread.onSpinWait();
            }
            held.getFirst().release(false);

            assertThat(waiter.get()).isPresent();
        }
        assertThat(waits.waited(Priority.STANDARD, true)).isEqualTo(1);
        assertThat(waits.inFlight()).isEqualTo(8);
    }

    @Test
    void aDecisionStillWithoutAPermitAfterMaxWait_isRefused_andBulkNeverWaits() {
        var shortWait = new PriorityAdmission(FixedLimit.of(10), 0.8, 0.5, Duration.ofMillis(20), System::nanoTime);
        fill(shortWait, Priority.CRITICAL);

        assertThat(shortWait.admit(Priority.STANDARD)).isEmpty();
        assertThat(shortWait.admit(Priority.CRITICAL)).isEmpty();
        assertThat(shortWait.admit(Priority.BULK)).isEmpty();

        assertThat(shortWait.waited(Priority.STANDARD, false)).isEqualTo(1);
        assertThat(shortWait.waited(Priority.CRITICAL, false)).isEqualTo(1);
        assertThat(shortWait.waited(Priority.BULK, false)).isZero();
        assertThat(shortWait.waiting()).isZero();
    }

    @Test
    void aStandardWaiter_doesNotTakeAPermitAboveItsShare_aCriticalOneArrivingMeanwhileDoes() throws Exception {
        var waits = new PriorityAdmission(FixedLimit.of(10), 0.8, 0.5, Duration.ofSeconds(30), System::nanoTime);
        List<PriorityAdmission.Permit> held = fill(waits, Priority.CRITICAL);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<PriorityAdmission.Permit>> standard = threads.submit(() -> waits.admit(Priority.STANDARD));
            while (waits.waiting() == 0) {
                Thread.onSpinWait();
            }
            held.removeFirst().release(false);
            // 9 in flight: over STANDARD's 8, so the waiter stays, and the freed permit is CRITICAL's
            assertThat(waits.admit(Priority.CRITICAL)).isPresent();
            assertThat(standard.isDone()).isFalse();

            held.removeFirst().release(false);
            held.removeFirst().release(false);
            held.removeFirst().release(false);
            assertThat(standard.get()).isPresent();
        }
    }

    @Test
    void manyWaitersAtOnce_neverHoldMoreThanTheLimit_andEachGetsAPermitInTurn() throws Exception {
        var limit = FixedLimit.of(4);
        var waits = new PriorityAdmission(limit, 1.0, 0.5, Duration.ofSeconds(30), System::nanoTime);
        var most = new java.util.concurrent.atomic.AtomicInteger();
        var admitted = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                threads.submit(() -> {
                    PriorityAdmission.Permit permit = waits.admit(Priority.STANDARD).orElseThrow();
                    most.accumulateAndGet(waits.inFlight(), Math::max);
                    admitted.incrementAndGet();
                    Thread.yield();
                    permit.release(false);
                    return null;
                });
            }
        }
        assertThat(admitted).hasValue(200);
        assertThat(most.get()).isBetween(1, 4);
        assertThat(waits.inFlight()).isZero();
        assertThat(waits.waiting()).isZero();
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

    /** Permits of {@code priority} until its share is full; without waiting. */
    private static List<PriorityAdmission.Permit> fill(PriorityAdmission admission, Priority priority) {
        var permits = new ArrayList<PriorityAdmission.Permit>();
        for (Optional<PriorityAdmission.Permit> permit = admission.admitNow(priority); permit.isPresent();
                permit = admission.admitNow(priority)) {
            permits.add(permit.get());
        }
        return permits;
    }
}
