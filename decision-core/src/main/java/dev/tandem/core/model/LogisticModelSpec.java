package dev.tandem.core.model;

import java.util.Map;

/**
 * Configuration of a logistic model: {@code score = 1 / (1 + exp(-(bias + sum(weight_i * x_i))))},
 * where each {@code x_i} is a feature expression ({@code name}, {@code log1p(name)} or
 * {@code ratio(a,b)}) evaluated on the raw features.
 *
 * @param name the model's registry name, such as {@code payment-risk-fast}
 * @param version the model's version
 * @param bias the intercept
 * @param weights weight per feature expression
 * @param defaults value per feature expression used when it cannot be computed (0 when absent)
 */
public record LogisticModelSpec(String name, String version, double bias, Map<String, Double> weights,
        Map<String, Double> defaults) {

    public LogisticModelSpec {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("a model needs a name and a version");
        }
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " has no weights");
        }
        weights = Map.copyOf(weights);
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }
}
