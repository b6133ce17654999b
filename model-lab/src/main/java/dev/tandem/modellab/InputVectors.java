package dev.tandem.modellab;

import dev.tandem.core.model.FeatureExpression;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a model's input vectors by name, in a given column order: each expression evaluated on the
 * raw features, and its default where the value is missing or not finite, exactly as serving must.
 */
final class InputVectors {

    private final List<String> names;
    private final FeatureExpression[] expressions;
    private final double[] defaults;

    /**
     * @param names the expressions, in input-column order
     * @param defaults the default of each, in the same order
     */
    InputVectors(List<String> names, double[] defaults) {
        if (names.size() != defaults.length) {
            throw new IllegalArgumentException(names.size() + " inputs but " + defaults.length + " defaults");
        }
        this.names = List.copyOf(names);
        this.expressions = names.stream().map(FeatureExpression::parse).toArray(FeatureExpression[]::new);
        this.defaults = defaults.clone();
    }

    List<String> names() {
        return names;
    }

    double[] defaults() {
        return defaults.clone();
    }

    double[] vector(Map<String, Double> raw) {
        double[] values = new double[expressions.length];
        for (int i = 0; i < values.length; i++) {
            double value = expressions[i].evaluate(raw);
            values[i] = Double.isFinite(value) ? value : defaults[i];
        }
        return values;
    }

    /**
     * The default of each expression: its median over the rows where it is finite (0 where it never is).
     * A median is what a missing value most likely was, and it is robust to heavy tails.
     */
    static double[] medians(List<String> names, List<Map<String, Double>> rows) {
        double[] medians = new double[names.size()];
        for (int i = 0; i < medians.length; i++) {
            FeatureExpression expression = FeatureExpression.parse(names.get(i));
            double[] values = rows.stream().mapToDouble(expression::evaluate).filter(Double::isFinite).toArray();
            medians[i] = median(values);
        }
        return medians;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
