package dev.tandem.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A logistic model over configured weights: real arithmetic on real features, standing until the
 * trained models replace it. Immutable and thread-safe.
 */
public final class LogisticModel implements Model {

    private final ModelInfo info;
    private final double bias;
    private final String[] names;
    private final FeatureExpression[] expressions;
    private final double[] weights;
    private final double[] defaults;
    private final List<String> inputs;

    public LogisticModel(LogisticModelSpec spec) {
        this.info = new ModelInfo(spec.name(), spec.version());
        this.bias = spec.bias();
        var sorted = new TreeMap<>(spec.weights());
        this.names = sorted.keySet().toArray(String[]::new);
        this.expressions = new FeatureExpression[names.length];
        this.weights = new double[names.length];
        this.defaults = new double[names.length];
        var reads = new LinkedHashSet<String>();
        for (int i = 0; i < names.length; i++) {
            expressions[i] = FeatureExpression.parse(names[i]);
            weights[i] = sorted.get(names[i]);
            defaults[i] = spec.defaults().getOrDefault(names[i], 0.0);
            reads.addAll(expressions[i].reads());
        }
        this.inputs = List.copyOf(reads);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public Prediction predict(Map<String, Double> features) {
        double z = bias;
        List<String> reasons = List.of();
        for (int i = 0; i < expressions.length; i++) {
            double x = expressions[i].evaluate(features);
            if (!Double.isFinite(x)) {
                if (reasons.isEmpty()) {
                    reasons = new ArrayList<>();
                }
                reasons.add("feature " + names[i] + " unavailable; default " + defaults[i] + " used");
                x = defaults[i];
            }
            z += weights[i] * x;
        }
        return new Prediction(1.0 / (1.0 + Math.exp(-z)), info, reasons);
    }
}
