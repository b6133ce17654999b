package dev.tandem.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FeatureNamesTests {

    private final FeatureNames names = new FeatureNames();

    @Test
    void aNameSeenBefore_isAnsweredWithTheFirstString() {
        String first = names.canonical(new String("avg_amount"));

        assertThat(names.canonical(new String("avg_amount"))).isSameAs(first);
    }

    @Test
    void pastTheBound_aNewNameIsUsedAsRead_andTheTableGrowsNoMore() {
        String seventh = names.canonical(new String("invented_7"));
        for (int i = 0; i < FeatureNames.MAX; i++) {
            names.canonical("invented_" + i);
        }
        String late = new String("one_too_many");

        assertThat(names.canonical(late)).isSameAs(late);
        assertThat(names.canonical(new String("one_too_many"))).isNotSameAs(late);
        assertThat(names.size()).isEqualTo(FeatureNames.MAX);
        assertThat(names.canonical(new String("invented_7"))).as("names kept are still shared").isSameAs(seventh);
    }

    @Test
    void twoReadsOfOneEntity_shareTheirFeatureAndGroupNames_andAreEqual() {
        EntityFeatures first = RedisFeatureStore.parse(hash(), names);
        EntityFeatures second = RedisFeatureStore.parse(hash(), names);

        assertThat(second).isEqualTo(first);
        String name = first.values().keySet().iterator().next();
        assertThat(second.values().keySet()).anySatisfy(other -> assertThat(other).isSameAs(name));
        String group = first.groups().keySet().iterator().next();
        assertThat(second.groups().keySet()).singleElement().isSameAs(group);
        assertThat(second.groups().get(group).fields()).anySatisfy(field -> assertThat(field).isSameAs(name));
    }

    /** An entity's hash as Lettuce decodes it: new strings on each read. */
    private static Map<String, String> hash() {
        return Map.of(new String("avg_amount"), "120.5", new String("txn_count_30d"), "7",
                new String("@profile.event_time"), "1700000000000", new String("@profile.expires_at"),
                "1800000000000", new String("@profile.fields"), new String("avg_amount,txn_count_30d"));
    }
}
