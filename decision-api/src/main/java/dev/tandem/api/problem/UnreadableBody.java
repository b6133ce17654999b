package dev.tandem.api.problem;

import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The problem a request body that could not be read answers with: too large (413), a field of the wrong type (named,
 * with the type it must have), JSON that does not parse, or no body at all. One mapping for Spring MVC's bodies
 * ({@link ProblemHandler}) and for handlers that read their own.
 */
public final class UnreadableBody {

    private UnreadableBody() {
    }

    /** @param failure why the body could not be read, with its causes; {@code null} when there was no body */
    public static ProblemDetail problem(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return Problems.PAYLOAD_TOO_LARGE.detail(tooLarge.getMessage());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                String field = path(mismatch);
                String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch);
                return Problems.INVALID_REQUEST.detail("Field '" + field + "' has the wrong type: expected " + expected,
                        List.of(new Problems.FieldError(field, "must be " + expected)));
            }
            if (cause instanceof JacksonException json) {
                return Problems.MALFORMED_JSON.detail("The body is not valid JSON: " + json.getOriginalMessage());
            }
        }
        return Problems.MALFORMED_JSON.detail("The body is missing or is not valid JSON");
    }

    private static String path(JacksonException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(MismatchedInputException ex) {
        Class<?> type = ex.getTargetType();
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (ex instanceof InvalidFormatException && Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-11-28T10:15:30Z";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }
}
