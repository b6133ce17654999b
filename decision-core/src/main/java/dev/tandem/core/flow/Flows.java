package dev.tandem.core.flow;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The configured flows by name. Immutable. */
public final class Flows {

    private final Map<String, Flow> byName;

    private Flows(Map<String, Flow> byName) {
        this.byName = byName;
    }

    /**
     * Builds every flow; a flow that does not make sense fails here, at start-up, with a message
     * naming its property prefix.
     */
    public static Flows of(Map<String, FlowDefinition> definitions) {
        var flows = new TreeMap<String, Flow>();
        definitions.forEach((name, definition) -> {
            try {
                flows.put(name, Flow.of(name, definition));
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("tandem.flows." + name + ": " + ex.getMessage(), ex);
            }
        });
        return new Flows(Map.copyOf(flows));
    }

    /** The flow of that name, if one is configured. */
    public Optional<Flow> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The configured flows' names, sorted: what an error message lists as the choices. */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
