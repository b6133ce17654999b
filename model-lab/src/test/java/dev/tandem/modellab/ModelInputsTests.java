package dev.tandem.modellab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ModelInputsTests {

    @Test
    void fastModel_readsOnlySyncFeatures() {
        assertThat(ModelInputs.FAST.expressions()).allSatisfy(e -> assertThat(ModelInputs.source(e)).isEqualTo("sync"));
    }

    @Test
    void deepModel_readsOnlySyncFeatures_becauseItRunsBesideTheOtherEnrichers() {
        assertThat(ModelInputs.DEEP.expressions()).allSatisfy(e -> assertThat(ModelInputs.source(e)).isEqualTo("sync"));
    }

    @Test
    void fullModel_extendsTheFastOneWithEnrichment() {
        assertThat(ModelInputs.FULL.expressions()).containsAll(ModelInputs.FAST.expressions());
        assertThat(ModelInputs.FULL.expressions()).filteredOn(e -> ModelInputs.source(e).equals("enrichment"))
                .contains("ip_risk", "velocity_count_1m", "ratio(velocity_sum_24h,avg_amount)");
    }

    @Test
    void unit_followsTheExpression() {
        assertThat(ModelInputs.unit("log1p(amount)")).isEqualTo("ln(1 + EUR)");
        assertThat(ModelInputs.unit("ratio(velocity_sum_1h,avg_amount)")).isEqualTo("EUR/EUR");
        assertThat(ModelInputs.unit("account_age_days")).isEqualTo("days");
    }

    @Test
    void unit_unknownRawFeature_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModelInputs.unit("log1p(shoe_size)"))
                .withMessageContaining("shoe_size");
    }
}
