package dev.tandem.core.flow;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tandem.core.model.Model;
import dev.tandem.core.model.ModelChoice;
import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.OnnxModel;

/** The configured flows by name, with their models activated in a registry. Immutable. */
public final class Flows {

    private final Map<String, Flow> byName;
    private final ModelRegistry models;

    private Flows(Map<String, Flow> byName, ModelRegistry models) {
        this.byName = byName;
        this.models = models;
    }

    /**
     * Builds every flow and activates its models; a flow that does not make sense, or a model that
     * does not fit its flow, fails here, at start-up, with a message naming the property prefix.
     */
    public static Flows of(Map<String, FlowDefinition> definitions, ModelRegistry models) {
        var flows = new TreeMap<String, Flow>();
        definitions.forEach((name, definition) -> {
            String prefix = "tandem.flows." + name;
            try {
                activate(name, definition, definition.fastModel(), true, models);
                activate(name, definition, definition.fullModel(), false, models);
            }
            catch (IllegalArgumentException | IllegalStateException ex) {
                throw new IllegalArgumentException(prefix + ": " + ex.getMessage(), ex);
            }
            flows.put(name, new Flow(name, definition, models));
        });
        return new Flows(Map.copyOf(flows), models);
    }

    /** The flow of that name, if one is configured. */
    public Optional<Flow> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The configured flows' names, sorted: what an error message lists as the choices. */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** The active model of every name. */
    public Map<String, ModelInfo> activeModels() {
        return models.active();
    }

    /**
     * Activates another version of a model at run time, checked against every flow that uses it.
     *
     * @throws IllegalArgumentException when no flow uses the model, or the version is refused; the
     *         previous version then keeps serving
     */
    public ModelInfo activate(String modelName, String version) {
        var users = byName.values().stream()
                .filter(f -> f.definition().fastModel().name().equals(modelName)
                        || f.definition().fullModel().name().equals(modelName))
                .toList();
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no flow uses a model named '" + modelName + "'");
        }
        return models.activate(modelName, version, model -> users.forEach(flow -> check(flow.name(), flow.definition(),
                model, flow.definition().fastModel().name().equals(modelName)))).info();
    }

    private static void activate(String flow, FlowDefinition definition, ModelChoice choice, boolean fast,
            ModelRegistry models) {
        models.activate(choice.name(), choice.version(), model -> check(flow, definition, model, fast));
    }

    /**
     * A model fits a flow when it was trained for it (or for the flow its {@code models-trained-for} names) and,
     * for the fast model, reads sync features only.
     */
    static void check(String flow, FlowDefinition definition, Model model, boolean fast) {
        if (model instanceof OnnxModel onnx && !definition.modelFlow(flow).equals(onnx.card().flow())) {
            throw new IllegalArgumentException(model.info() + " was trained for flow '" + onnx.card().flow() + "'");
        }
        if (fast && !definition.syncFeatures().isEmpty()) {
            var notSync = new TreeSet<>(model.inputs());
            notSync.removeAll(definition.syncFeatures());
            if (!notSync.isEmpty()) {
                throw new IllegalArgumentException("fast model " + model.info() + " reads " + notSync
                        + ", which are not sync features of the flow " + definition.syncFeatures());
            }
        }
    }
}
