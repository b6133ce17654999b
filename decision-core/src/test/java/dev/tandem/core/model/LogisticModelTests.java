package dev.tandem.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LogisticModelTests {

    private final LogisticModel model = new LogisticModel(new LogisticModelSpec("m", "1", -1.0,
            Map.of("x", 2.0, "log1p(amount)", 0.5, "ratio(amount,avg)", 1.0), Map.of("ratio(amount,avg)", 1.0)));

    @Test
    void predict_allFeaturesPresent_isTheLogisticOfTheWeightedSum() {
        Prediction p = model.predict(Map.of("x", 0.25, "amount", 99.0, "avg", 50.0));

        double z = -1.0 + 2.0 * 0.25 + 0.5 * Math.log1p(99.0) + 1.0 * (99.0 / 50.0);
        assertThat(p.score()).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-12));
        assertThat(p.reasons()).isEmpty();
        assertThat(p.model()).isEqualTo(new ModelInfo("m", "1"));
    }

    @Test
    void predict_missingOrNonFiniteFeature_takesItsDefaultAndSaysSo() {
        Prediction p = model.predict(Map.of("x", Double.NaN, "amount", 10.0, "avg", 0.0));

        double z = -1.0 + 0 + 0.5 * Math.log1p(10.0) + 1.0;
        assertThat(p.score()).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-12));
        assertThat(p.reasons()).containsExactlyInAnyOrder("feature x unavailable; default 0.0 used",
                "feature ratio(amount,avg) unavailable; default 1.0 used");
    }

    @Test
    void inputs_areTheRawFeaturesTheExpressionsRead() {
        assertThat(model.inputs()).containsExactlyInAnyOrder("x", "amount", "avg");
    }

    @Test
    void construct_badExpression_isRefusedWithTheExpressionNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LogisticModel(new LogisticModelSpec("m", "1", 0, Map.of("sqrt(x)", 1.0), Map.of())))
                .withMessageContaining("'sqrt(x)' is not a feature expression");
    }
}
