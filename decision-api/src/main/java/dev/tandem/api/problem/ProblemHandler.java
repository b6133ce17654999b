package dev.tandem.api.problem;


import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns Spring MVC's own errors into Tandem's problem types: unreadable or mistyped JSON (naming
 * the field), oversized bodies, wrong media types, methods and paths, and, last, anything
 * unexpected, without its internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(UnreadableBody.problem(ex), headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(Problems.UNSUPPORTED_MEDIA_TYPE.detail("Content-Type " + ex.getContentType()
                + " is not supported; send " + ex.getSupportedMediaTypes()), headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(Problems.NOT_ACCEPTABLE.detail("This resource is served as " + ex.getSupportedMediaTypes()),
                HttpHeaders.EMPTY);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(Problems.METHOD_NOT_ALLOWED.detail("Method " + ex.getMethod() + " is not supported here"), headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(Problems.NO_SUCH_RESOURCE.detail("There is nothing at " + ex.getResourcePath()), headers);
    }

    /** Anything unexpected: logged with its cause, answered without internals. */
    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception ex) {
        log.atError().setCause(ex).log("unexpected failure");
        return respond(Problems.INTERNAL_ERROR.detail(Problems.UNEXPECTED_DETAIL),
                HttpHeaders.EMPTY);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }
}
