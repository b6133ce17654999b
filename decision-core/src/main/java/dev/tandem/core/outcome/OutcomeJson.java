package dev.tandem.core.outcome;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of an outcome as stored in Redis. Thread-safe. */
final class OutcomeJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OutcomeJson() {
    }

    static String write(Outcome outcome) {
        return MAPPER.writeValueAsString(outcome);
    }

    static Outcome read(String json) {
        return MAPPER.readValue(json, Outcome.class);
    }
}
