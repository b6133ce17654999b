package dev.tandem.api.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The catalogue of problem types decision-api answers with (RFC 9457). Each {@code type} is stable;
 * clients switch on it, not on {@code title} or {@code detail}.
 */
public enum Problems {

    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Malformed JSON"),
    UNKNOWN_FLOW("unknown-flow", HttpStatus.BAD_REQUEST, "Unknown flow"),
    NOT_FOUND("decision-not-found", HttpStatus.NOT_FOUND, "Decision not found"),
    NO_SUCH_RESOURCE("no-such-resource", HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    STORE_UNAVAILABLE("store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Outcome store unavailable"),
    OVERLOADED("overloaded", HttpStatus.SERVICE_UNAVAILABLE, "Overloaded"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** The detail of an {@link #INTERNAL_ERROR}: nothing of the failure's internals. */
    public static final String UNEXPECTED_DETAIL = "Something went wrong on our side; it has been logged";

    /** Where the problem types are documented; each type is this plus its slug. */
    public static final String TYPE_BASE = "https://tandem.dev/problems/";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    Problems(String slug, HttpStatus status, String title) {
        this.type = URI.create(TYPE_BASE + slug);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    /** A problem of this type with a detail for this occurrence. */
    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** A problem of this type naming the offending fields: {@code errors: [{field, message}]}. */
    public ProblemDetail detail(String detail, List<FieldError> errors) {
        ProblemDetail problem = detail(detail);
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    /** One offending field, by its path in the request document. */
    public record FieldError(String field, String message) {
    }
}
