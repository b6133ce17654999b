package dev.tandem.core.flow;

import dev.tandem.core.model.LogisticModel;
import dev.tandem.core.model.Model;

/** A configured flow with its models built: what the services use at run time. */
public record Flow(String name, FlowDefinition definition, Model fastModel, Model fullModel) {

    public static Flow of(String name, FlowDefinition definition) {
        return new Flow(name, definition, new LogisticModel(definition.fastModel()), new LogisticModel(definition.fullModel()));
    }
}
