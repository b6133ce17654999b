package dev.tandem.api.admission;

import dev.tandem.schemas.event.Priority;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The priority a decision request's body asks for, read with the streaming parser and without binding the body: the
 * top-level {@code "priority"} field (the last one when there are several, as binding takes the last); a
 * {@code priority} inside another object does not count. STANDARD, as {@code POST /v1/decisions} treats it, when
 * the field is absent, null, not a priority, or the body is not a JSON object: such a body is refused as invalid
 * later, and its admission ignored.
 */
final class BodyPriority {

    static final String FIELD = "priority";

    private BodyPriority() {
    }

    /** @param json the application's mapper, so the body is parsed with the features it is bound with */
    static Priority of(byte[] body, JsonMapper json) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Priority.STANDARD;
            }
            Priority priority = Priority.STANDARD;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equals(FIELD)) {
                    priority = value == JsonToken.VALUE_STRING ? named(parser.getString()) : Priority.STANDARD;
                }
                parser.skipChildren();
            }
            // the end of the object, or it is malformed after all
            return parser.currentToken() == JsonToken.END_OBJECT ? priority : Priority.STANDARD;
        }
        catch (JacksonException malformed) {
            return Priority.STANDARD;
        }
    }

    private static Priority named(String name) {
        for (Priority priority : Priority.values()) {
            if (priority.name().equals(name)) {
                return priority;
            }
        }
        return Priority.STANDARD;
    }
}
