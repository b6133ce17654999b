package dev.tandem.modellab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InputVectorsTests {

    private final InputVectors vectors = new InputVectors(List.of("log1p(amount)", "ratio(amount,avg_amount)", "ip_risk"),
            new double[] {3.0, 1.0, 0.05});

    @Test
    void vector_evaluatesEachExpressionInColumnOrder() {
        double[] v = vectors.vector(Map.of("amount", 99.0, "avg_amount", 33.0, "ip_risk", 0.5));

        assertThat(v).containsExactly(Math.log1p(99.0), 3.0, 0.5);
    }

    @Test
    void vector_missingNaNOrInfiniteValues_takeTheirDefaults() {
        var raw = new HashMap<String, Double>();
        raw.put("amount", 10.0);
        raw.put("avg_amount", 0.0); // ratio is infinite
        raw.put("ip_risk", Double.NaN);

        assertThat(vectors.vector(raw)).containsExactly(Math.log1p(10.0), 1.0, 0.05);
        assertThat(vectors.vector(Map.of())).containsExactly(3.0, 1.0, 0.05);
        assertThat(vectors.vector(Map.of("amount", Double.POSITIVE_INFINITY, "avg_amount", 1.0, "ip_risk", 0.1)))
                .containsExactly(3.0, 1.0, 0.1);
    }

    @Test
    void medians_ignoreValuesThatCannotBeComputed() {
        List<Map<String, Double>> rows = List.of(Map.of("amount", 1.0, "avg_amount", 1.0), Map.of("amount", 3.0),
                Map.of("amount", 2.0, "avg_amount", 4.0), Map.of("avg_amount", 1.0));

        double[] medians = InputVectors.medians(List.of("amount", "ratio(amount,avg_amount)", "ip_risk"), rows);

        assertThat(medians).containsExactly(2.0, 0.75, 0.0);
    }

    @Test
    void constructor_namesAndDefaultsOfDifferentLength_areRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InputVectors(List.of("amount"), new double[2]));
    }
}
