package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import dev.tandem.schemas.event.Priority;
import org.junit.jupiter.api.Test;

class MixTests {

    @Test
    void parse_takesNamesInAnyCase_andLeavesOutPrioritiesAtZero() {
        assertThat(Mix.parse("critical=10,standard=30,bulk=60")).isEqualTo(Mix.DEFAULT);
        assertThat(Mix.parse(" BULK = 75 , Critical=25")).isEqualTo(new Mix(25, 0, 75));
        assertThat(Mix.parse("critical=100").describe()).isEqualTo("100 % CRITICAL");
        assertThat(Mix.DEFAULT.describe()).isEqualTo("10 % CRITICAL, 30 % STANDARD, 60 % BULK");
    }

    @Test
    void parse_refusesMixesThatMakeNoSense_namingTheOption() {
        assertThatThrownBy(() -> Mix.parse("critical=10,standard=30,bulk=50")).hasMessageContaining("--mix")
                .hasMessageContaining("add up to 100");
        assertThatThrownBy(() -> Mix.parse("standard=40,bulk=60")).hasMessageContaining("CRITICAL at least 1");
        assertThatThrownBy(() -> Mix.parse("critical=10,urgent=90")).hasMessageContaining("unknown priority urgent");
        assertThatThrownBy(() -> Mix.parse("critical=10,critical=90")).hasMessageContaining("each priority once");
        assertThatThrownBy(() -> Mix.parse("critical")).hasMessageContaining("name=percent");
    }

    @Test
    void of_givesEachBlockOf100ExactlyItsPercentages_fromAnyStart() {
        for (Mix mix : new Mix[] { Mix.DEFAULT, new Mix(1, 0, 99), new Mix(33, 33, 34), new Mix(50, 50, 0),
                Mix.ALL_CRITICAL }) {
            for (long start : new long[] { 0, 37, 1_000_000_007L }) {
                var counts = new EnumMap<Priority, Integer>(Priority.class);
                for (long i = start; i < start + 100; i++) {
                    counts.merge(mix.of(i), 1, Integer::sum);
                }
                assertThat(counts.getOrDefault(Priority.CRITICAL, 0)).as("%s from %d", mix, start)
                        .isEqualTo(mix.critical());
                assertThat(counts.getOrDefault(Priority.STANDARD, 0)).isEqualTo(mix.standard());
                assertThat(counts.getOrDefault(Priority.BULK, 0)).isEqualTo(mix.bulk());
            }
        }
    }

    @Test
    void of_spreadsEachPriorityEvenly_soCriticalKeepsASteadyRateOfItsOwn() {
        assertThat(gaps(Mix.DEFAULT, Priority.CRITICAL)).containsOnlyKeys(10); // every 10th
        assertThat(gaps(Mix.DEFAULT, Priority.STANDARD)).containsOnlyKeys(3, 4);
        assertThat(gaps(Mix.DEFAULT, Priority.BULK)).containsOnlyKeys(1, 2, 3);
        assertThat(gaps(new Mix(33, 33, 34), Priority.CRITICAL)).containsOnlyKeys(3, 4);
    }

    @Test
    void count_isTheNumberOfDecisionsOfThatPriorityInTheRange() {
        assertThat(Mix.DEFAULT.count(Priority.CRITICAL, 1_000, 6_000)).isEqualTo(600);
        assertThat(Mix.DEFAULT.count(Priority.BULK, 1_000, 6_000)).isEqualTo(3_600);
        assertThat(Mix.DEFAULT.count(Priority.CRITICAL, 0, 9)).isZero(); // the first is decision 9
    }

    /** The distances between consecutive decisions of {@code priority} over 10 blocks, and how often each occurs. */
    private static Map<Integer, Integer> gaps(Mix mix, Priority priority) {
        var at = new ArrayList<Long>();
        for (long i = 0; i < 1_000; i++) {
            if (mix.of(i) == priority) {
                at.add(i);
            }
        }
        var gaps = new TreeMap<Integer, Integer>();
        for (int k = 1; k < at.size(); k++) {
            gaps.merge((int) (at.get(k) - at.get(k - 1)), 1, Integer::sum);
        }
        return gaps;
    }
}
