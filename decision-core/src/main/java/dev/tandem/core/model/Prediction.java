package dev.tandem.core.model;

import java.util.List;

/**
 * A model's answer for one input.
 *
 * @param score probability of the risky class, in [0, 1]
 * @param model the model that gave it
 * @param reasons notes on the input, such as features that took their default
 */
public record Prediction(double score, ModelInfo model, List<String> reasons) {

    public Prediction {
        reasons = List.copyOf(reasons);
    }
}
