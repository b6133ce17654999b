package dev.tandem.benchmarks.hotpath;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code ./tandem bench hotpath} measures, side by side, in this order. */
enum Target {

    NOOP("noop", "GET /floor/noop on decision-api: a constant, no I/O (Jetty, Spring MVC, Jackson: the framework's"
            + " floor)"),
    FEATURES("features", "GET /floor/features/{entityId} on decision-api: the entity's features through the"
            + " decisions' feature store (in-process cache, then Redis) and nothing else: the I/O floor"),
    DECISION("decision", "POST /v1/decisions on decision-api, the hybrid decision: features, fast model, outcome v1"
            + " in Redis, DecisionMade to Kafka, the answer; velocity, ip-reputation and the full model after it"),
    ALL_SYNC("all-sync", "POST /v1/decisions on the all-sync server, what the hybrid design replaces: features, fast"
            + " model, velocity and ip-reputation inline, full model, outcome stored FINAL, then the answer"),
    OVERLOAD("overload", "POST /v1/decisions on decision-api with a priority: CRITICAL decisions alone at the rate,"
            + " then 3 × the rate with the mix of priorities, where admission sheds BULK first, then STANDARD (run only"
            + " when named)");

    /** What runs without {@code --targets}: the overload run only when asked for. */
    static final List<Target> DEFAULTS = List.of(NOOP, FEATURES, DECISION, ALL_SYNC);

    private final String label;
    private final String what;

    Target(String label, String what) {
        this.label = label;
        this.what = what;
    }

    String label() {
        return label;
    }

    String what() {
        return what;
    }

    /** Whether it makes decisions (Redis and its velocity windows are reset before it runs). */
    boolean decides() {
        return this == DECISION || this == ALL_SYNC || this == OVERLOAD;
    }

    /** The target of that label. */
    static Target of(String label) {
        return Arrays.stream(values()).filter(target -> target.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--targets: unknown target " + label + "; known "
                        + Arrays.stream(values()).map(Target::label).collect(Collectors.joining(","))));
    }
}
