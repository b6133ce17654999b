package dev.tandem.devserver;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/** The fields of a decision that the demo prints, from decision-api's JSON. */
record DecisionView(String decisionId, String status, int version, String outcome, double score) {

    static DecisionView of(JsonNode json) {
        return new DecisionView(json.path("decisionId").asString(""), json.path("status").asString("?"),
                json.path("version").asInt(0), json.path("outcome").asString("?"), json.path("score").asDouble(0));
    }

    boolean settled() {
        return "FINAL".equals(status) || "TIMED_OUT".equals(status);
    }

    String summary() {
        return String.format(Locale.ROOT, "%-11s v%-2d %-8s %.3f", status, version, outcome, score);
    }
}
