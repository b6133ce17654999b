package dev.tandem.benchmarks.enrichers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.tandem.workers.enrichment.EnrichmentRequest;
import org.junit.jupiter.api.Test;

class RequestPoolTests {

    private static final Instant NOW = Instant.parse("2026-11-28T15:05:51.123456Z");
    private static final Instant BASE = Instant.parse("2026-11-27T15:05:51.123Z");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void renewing_handsOutEachEntryAsAFreshDecision_oneDayLaterEachCycle() {
        RequestPool pool = RequestPool.renewing(42, NOW);
        pool.slices(4_096);
        EnrichmentRequest primed = pool.slices(4_096).getFirst().get(5);

        List<EnrichmentRequest> first = pool.next(8);
        skip(pool, RequestPool.SIZE - 8);
        List<EnrichmentRequest> second = pool.next(8);

        assertThat(primed.decisionId()).isEqualTo("bench-5-0");
        assertThat(primed.eventTime()).isEqualTo(BASE.plusMillis(5 * RequestPool.DAY_MILLIS / RequestPool.SIZE));
        EnrichmentRequest day1 = first.get(5);
        EnrichmentRequest day2 = second.get(5);
        assertThat(day1.decisionId()).isEqualTo("bench-5-1");
        assertThat(day2.decisionId()).isEqualTo("bench-5-2");
        assertThat(day1.eventTime()).isEqualTo(primed.eventTime().plus(DAY));
        assertThat(day2.eventTime()).isEqualTo(day1.eventTime().plus(DAY));
        assertThat(day2.deadline()).isEqualTo(day2.eventTime().plusSeconds(5));
        for (EnrichmentRequest renewed : List.of(day1, day2)) {
            assertThat(renewed.entityId()).isEqualTo(primed.entityId());
            assertThat(renewed.tenant()).isEqualTo(primed.tenant());
            assertThat(renewed.flow()).isEqualTo(primed.flow());
            assertThat(renewed.priority()).isEqualTo(primed.priority());
            assertThat(renewed.attributes()).isEqualTo(primed.attributes());
            assertThat(renewed.features()).isEqualTo(primed.features());
        }
    }

    @Test
    void renewing_givesEachEntity8EventsADay_3hApart() {
        RequestPool pool = RequestPool.renewing(42, NOW);
        pool.slices(4_096);
        var times = new ArrayList<Instant>();
        for (int i = 0; i < RequestPool.SIZE / 4_096; i++) {
            for (EnrichmentRequest request : pool.next(4_096)) {
                if (request.entityId().equals("e-7")) {
                    times.add(request.eventTime());
                }
            }
        }

        assertThat(times).hasSize(8);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).isEqualTo(Duration.ofHours(3));
        }
    }

    @Test
    void renewing_aBatchAcrossTheWrap_continuesWithTheNextDay() {
        RequestPool pool = RequestPool.renewing(42, NOW);
        pool.slices(4_096);
        skip(pool, RequestPool.SIZE - 2);

        List<EnrichmentRequest> batch = pool.next(4);

        assertThat(batch).extracting(EnrichmentRequest::decisionId).containsExactly("bench-32766-1", "bench-32767-1",
                "bench-0-2", "bench-1-2");
        assertThat(batch.get(2).eventTime()).isEqualTo(BASE.plus(DAY.multipliedBy(2)));
    }

    @Test
    void clock_isTheLatestEventTimeHandedOut() {
        RequestPool pool = RequestPool.renewing(42, NOW);

        assertThat(pool.clock().instant()).isEqualTo(BASE);
        pool.slices(128);
        Instant endOfDayOne = pool.clock().instant();
        assertThat(endOfDayOne).isAfter(BASE.plus(DAY).minusSeconds(10)).isBefore(BASE.plus(DAY));
        EnrichmentRequest first = pool.next(1).getFirst();
        assertThat(pool.clock().instant()).isEqualTo(first.eventTime()).isEqualTo(BASE.plus(DAY));
        skip(pool, RequestPool.SIZE - 1);
        EnrichmentRequest third = pool.next(1).getFirst();
        assertThat(pool.clock().instant()).isEqualTo(third.eventTime()).isEqualTo(BASE.plus(DAY.multipliedBy(2)));
    }

    @Test
    void plain_handsOutTheSameRequestsAgain_onTheNextCycle() {
        RequestPool pool = RequestPool.payments(42, NOW);

        List<EnrichmentRequest> first = pool.next(8);
        skip(pool, RequestPool.SIZE - 8);
        List<EnrichmentRequest> second = pool.next(8);

        assertThat(pool.renews()).isFalse();
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isSameAs(first.get(i));
        }
        assertThat(first.getFirst().decisionId()).isEqualTo("bench-0");
        assertThat(first.getFirst().eventTime()).isEqualTo(NOW.minusSeconds(3_600));
    }

    @Test
    void slices_coverThePoolOnce_inBothKinds() {
        for (RequestPool pool : List.of(RequestPool.payments(42, NOW), RequestPool.renewing(42, NOW))) {
            List<List<EnrichmentRequest>> slices = pool.slices(3_000);
            var ids = new HashSet<String>();
            slices.forEach(slice -> slice.forEach(request -> ids.add(request.decisionId())));

            assertThat(slices).hasSize(11);
            assertThat(slices.getLast()).hasSize(RequestPool.SIZE - 10 * 3_000);
            assertThat(slices.stream().mapToInt(List::size).sum()).isEqualTo(RequestPool.SIZE);
            assertThat(ids).hasSize(RequestPool.SIZE);
        }
    }

    @Test
    void renewalCost_describesItselfAsTheConsoleAndTheReportSayIt() {
        assertThat(new RequestPool.RenewalCost(503.6, 1_234.4).describe("velocity")).isEqualTo(
                "a renewed request costs 504 B and 1,234 ns to build (included in velocity's rows)");
    }

    private static void skip(RequestPool pool, int count) {
        for (int left = count; left > 0; left -= Math.min(left, 4_096)) {
            pool.next(Math.min(left, 4_096));
        }
    }
}
