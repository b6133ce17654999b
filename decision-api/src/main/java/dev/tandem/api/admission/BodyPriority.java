package dev.tandem.api.admission;

import dev.tandem.schemas.event.Priority;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The priority a decision request's body asks for, and the flow it names, read with the streaming parser and without
 * binding the body: the top-level {@code "priority"} and {@code "flow"} fields (the last one when there are several,
 * as binding takes the last); fields inside another object do not count. STANDARD, as {@code POST /v1/decisions}
 * treats it, when the priority is absent, null, not a priority, or the body is not a JSON object; no flow when it is
 * absent or not a string, or the body is malformed: such a body is refused as invalid later, and its admission
 * ignored.
 */
final class BodyPriority {

    static final String FIELD = "priority";
    static final String FLOW = "flow";

    /** What admission reads of a body: its priority and its flow ({@code null} when it names none). */
    record Requested(Priority priority, @Nullable String flow) {

        static final Requested NOTHING = new Requested(Priority.STANDARD, null);
    }

    private BodyPriority() {
    }

    /** @param json the application's mapper, so the body is parsed with the features it is bound with */
    static Requested of(byte[] body, JsonMapper json) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Requested.NOTHING;
            }
            Priority priority = Priority.STANDARD;
            String flow = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equals(FIELD)) {
                    priority = value == JsonToken.VALUE_STRING ? named(parser.getString()) : Priority.STANDARD;
                } else if (name.equals(FLOW)) {
                    flow = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            // the end of the object, or it is malformed after all
            return parser.currentToken() == JsonToken.END_OBJECT ? new Requested(priority, flow) : Requested.NOTHING;
        }
        catch (JacksonException malformed) {
            return Requested.NOTHING;
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
