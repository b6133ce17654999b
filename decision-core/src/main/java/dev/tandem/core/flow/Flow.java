package dev.tandem.core.flow;

import dev.tandem.core.model.Model;
import dev.tandem.core.model.ModelRegistry;

/**
 * A configured flow and the registry its models are served from. The models are looked up on each
 * call, so a version activated at run time is used from the next decision on.
 */
public record Flow(String name, FlowDefinition definition, ModelRegistry models) {

    /** The active model of the synchronous answer. */
    public Model fastModel() {
        return models.get(definition.fastModel().name());
    }

    /** The active model of the final answer. */
    public Model fullModel() {
        return models.get(definition.fullModel().name());
    }
}
