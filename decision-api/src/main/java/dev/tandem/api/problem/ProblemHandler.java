package dev.tandem.api.problem;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns Spring MVC's own errors into Tandem's problem types: unreadable or mistyped JSON (naming
 * the field), oversized bodies, wrong media types and methods.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problemFor(ex);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail problemFor(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return Problems.PAYLOAD_TOO_LARGE.detail(tooLarge.getMessage());
            }
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
        if (ex instanceof InvalidFormatException && java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-11-28T10:15:30Z";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.UNSUPPORTED_MEDIA_TYPE.detail("Content-Type " + ex.getContentType()
                + " is not supported; send " + ex.getSupportedMediaTypes());
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.NOT_ACCEPTABLE.detail("This resource is served as " + ex.getSupportedMediaTypes());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.METHOD_NOT_ALLOWED.detail("Method " + ex.getMethod() + " is not supported here");
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }
}
