package dev.tandem.benchmarks.hotpath;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where {@code bench hotpath} runs the hybrid decision's asynchronous half ({@code --asynchronous}). */
enum Asynchronous {

    /** The broker, enrichment-workers and blender in the benchmark's JVM, beside decision-api. */
    SAME_JVM("on", "the Kafka broker, decision-api, enrichment-workers, blender, the all-sync server and the load"
            + " generator in one JVM; redis-server a child process"),
    /**
     * The broker, enrichment-workers and blender in a second JVM at the lowest CPU priority ({@code SCHED_IDLE} once
     * it is up, or {@code nice 19} where {@code chrt} is missing), as a single host would run the slow half below the answering
     * one: its own heap and GC, and the cores only when the synchronous half leaves them (the default).
     */
    PROCESS("process", "decision-api, the all-sync server, the provider simulator and the load generator in one JVM;"
            + " the Kafka broker, enrichment-workers and blender in a second JVM at the lowest CPU priority;"
            + " redis-server a child process at normal priority"),
    /** payment-risk requires no enrichers: the decision target is the synchronous path alone. */
    OFF("off", "the Kafka broker, decision-api, the all-sync server and the load generator in one JVM (no"
            + " enrichment-workers, no blender); redis-server a child process");

    private final String label;
    private final String where;

    Asynchronous(String label, String where) {
        this.label = label;
        this.where = where;
    }

    String label() {
        return label;
    }

    /** Which process runs what, for the report. */
    String where() {
        return where;
    }

    /** Whether payment-risk requires its enrichers (the hybrid decision), wherever they run. */
    boolean hybrid() {
        return this != OFF;
    }

    static Asynchronous of(String label) {
        return Arrays.stream(values()).filter(mode -> mode.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--asynchronous must be one of "
                        + Arrays.stream(values()).map(Asynchronous::label).collect(Collectors.joining(", "))
                        + ", not " + label));
    }
}
