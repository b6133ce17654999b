package dev.tandem.api.watch;

import java.util.Collection;
import java.util.TreeSet;

import dev.tandem.api.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of long polls and event streams, as problem details (before the catch-all of ProblemHandler). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WatchProblems {

    /** The flow of {@code /v1/flows/{flow}/events} is not configured. */
    static final class UnknownFlow extends RuntimeException {
        UnknownFlow(String flow, Collection<String> known) {
            super("unknown flow '" + flow + "'; known flows: " + new TreeSet<>(known));
        }
    }

    @ExceptionHandler
    ProblemDetail unknownFlow(UnknownFlow ex) {
        return Problems.NO_SUCH_RESOURCE.detail(ex.getMessage());
    }

    /** 503 with when to ask again: the instance holds as many watchers as it may. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(OutcomeWatchers.TooManyWatchers ex) {
        ProblemDetail problem = Problems.OVERLOADED.detail(ex.getMessage());
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
