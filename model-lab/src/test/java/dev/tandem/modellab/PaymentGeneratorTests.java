package dev.tandem.modellab;

import static dev.tandem.modellab.AccountSimulator.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class PaymentGeneratorTests {

    private static final GeneratedData DATA = PaymentGenerator.generate(11, 20_000);

    @Test
    void generate_sameSeed_sameEvents() {
        assertThat(PaymentGenerator.generate(11, 20_000)).isEqualTo(DATA);
    }

    @Test
    void generate_otherSeed_otherEvents() {
        assertThat(PaymentGenerator.generate(12, 20_000).events()).isNotEqualTo(DATA.events());
    }

    @Test
    void generate_givesExactlyTheRowsAsked_inTimeOrder_withinTheObservedDays() {
        assertThat(DATA.events()).hasSize(20_000);
        assertThat(DATA.events()).extracting(LabelledEvent::timeMillis).isSorted();
        long start = PaymentGenerator.START.toEpochMilli();
        assertThat(DATA.events()).allSatisfy(e -> assertThat(e.timeMillis()).isBetween(start + DAY,
                start + (PaymentGenerator.OBSERVED_DAYS + 1) * DAY));
    }

    @Test
    void generate_everyEventHasEveryRawFeature() {
        var all = new java.util.ArrayList<>(RawFeatures.SYNC);
        all.addAll(RawFeatures.ENRICHMENT);
        assertThat(DATA.events()).allSatisfy(e -> assertThat(e.raw()).containsOnlyKeys(all)
                .allSatisfy((k, v) -> assertThat(v).isFinite()));
    }

    @Test
    void generate_fraudIsRare_andEveryPatternOccurs() {
        assertThat(DATA.positiveRate()).isBetween(0.01, 0.06);
        Map<Pattern, Long> counts = DATA.events().stream()
                .collect(Collectors.groupingBy(LabelledEvent::pattern, Collectors.counting()));
        assertThat(counts).containsOnlyKeys(Pattern.values());
    }

    @Test
    void velocityWindows_nestAndCountTheEventItself() {
        assertThat(DATA.events()).allSatisfy(e -> {
            Map<String, Double> r = e.raw();
            assertThat(r.get("velocity_count_1m")).isGreaterThanOrEqualTo(1.0);
            assertThat(r.get("velocity_count_1m")).isLessThanOrEqualTo(r.get("velocity_count_1h"));
            assertThat(r.get("velocity_count_1h")).isLessThanOrEqualTo(r.get("velocity_count_24h"));
            assertThat(r.get("velocity_sum_1m")).isGreaterThanOrEqualTo(r.get("amount") - 0.005);
            assertThat(r.get("velocity_sum_24h")).isGreaterThanOrEqualTo(r.get("velocity_sum_1h") - 0.005);
        });
    }

    @Test
    void velocityWindows_matchAReplayOfEachEntitysStream() {
        // a window that lies wholly in the observed days can be recounted from the generated events alone
        long from = PaymentGenerator.START.toEpochMilli() + 2 * DAY;
        Map<String, List<LabelledEvent>> byEntity = DATA.events().stream()
                .collect(Collectors.groupingBy(LabelledEvent::entityId));
        List<LabelledEvent> checked = DATA.events().stream().filter(e -> e.timeMillis() >= from).toList();
        assertThat(checked).hasSizeGreaterThan(10_000);
        for (LabelledEvent e : checked) {
            List<LabelledEvent> own = byEntity.get(e.entityId());
            long t = e.timeMillis();
            List<LabelledEvent> day = own.stream().filter(o -> o.timeMillis() > t - DAY && o.timeMillis() <= t).toList();
            List<LabelledEvent> hour = day.stream().filter(o -> o.timeMillis() > t - 3_600_000).toList();
            assertThat(e.raw().get("velocity_count_24h")).isEqualTo((double) day.size());
            assertThat(e.raw().get("velocity_count_1h")).isEqualTo((double) hour.size());
            assertThat(e.raw().get("velocity_sum_24h")).isCloseTo(sum(day), within(0.005));
        }
    }

    private static double sum(List<LabelledEvent> events) {
        return events.stream().mapToDouble(o -> o.raw().get("amount")).sum();
    }
}
