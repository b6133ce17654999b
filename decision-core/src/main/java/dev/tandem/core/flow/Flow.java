package dev.tandem.core.flow;

import java.util.Map;

import dev.tandem.core.model.Model;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.Prediction;

/**
 * A configured flow and the registry its models are served from. The models are looked up on each
 * call, so a version activated at run time is used from the next decision on.
 */
public record Flow(String name, FlowDefinition definition, ModelRegistry models) {

    /** Scores with the active model of the synchronous answer ({@link ModelRegistry#predict}). */
    public Prediction predictFast(Map<String, Double> features) {
        return models.predict(definition.fastModel().name(), features);
    }

    /** Scores with the active model of the final answer ({@link ModelRegistry#predict}). */
    public Prediction predictFull(Map<String, Double> features) {
        return models.predict(definition.fullModel().name(), features);
    }

    /** The active model of the synchronous answer, to inspect; score with {@link #predictFast}. */
    public Model fastModel() {
        return models.get(definition.fastModel().name());
    }

    /** The active model of the final answer, to inspect; score with {@link #predictFull}. */
    public Model fullModel() {
        return models.get(definition.fullModel().name());
    }
}
