package dev.tandem.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The options of the simulator run alone: {@code --name value} or {@code --name=value}. */
final class SimulatorArgs {

    static final Set<String> NAMES = Set.of("--port", "--bind", "--behaviour");

    private SimulatorArgs() {
    }

    /** @throws IllegalArgumentException naming an unknown option or one without a value */
    static Map<String, String> parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown option " + arg + "; known: " + NAMES);
            }
            String value = eq > 0 ? arg.substring(eq + 1) : (i + 1 < args.length ? args[++i] : "");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("Option " + name + " needs a value");
            }
            given.put(name, value);
        }
        return given;
    }
}
