package dev.tandem.devserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * The fields of a decision that the demo prints, from decision-api's JSON.
 *
 * @param enriched the enrichers whose results are in, in the flow's order
 */
record DecisionView(String decisionId, String status, int version, String outcome, double score,
        List<String> enriched) {

    static DecisionView of(JsonNode json) {
        var enriched = new ArrayList<String>();
        json.path("enrichment").path("completed").forEach(name -> enriched.add(name.asString("?")));
        return new DecisionView(json.path("decisionId").asString(""), json.path("status").asString("?"),
                json.path("version").asInt(0), json.path("outcome").asString("?"), json.path("score").asDouble(0),
                List.copyOf(enriched));
    }

    boolean settled() {
        return "FINAL".equals(status) || "TIMED_OUT".equals(status);
    }

    String summary() {
        return String.format(Locale.ROOT, "%-11s v%-2d %-8s %.3f", status, version, outcome, score);
    }

    /** {@link #summary()} and, once a result is in, which enrichers' results are. */
    String summaryWithEnrichers() {
        return enriched.isEmpty() ? summary() : summary() + "  " + String.join(" + ", enriched);
    }
}
