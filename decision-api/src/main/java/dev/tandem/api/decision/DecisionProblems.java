package dev.tandem.api.decision;

import java.util.List;

import dev.tandem.api.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the decision service's refusals to problem details. */
@RestControllerAdvice(assignableTypes = { DecisionController.class, DecisionEvents.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class DecisionProblems {

    @ExceptionHandler
    ProblemDetail invalid(DecisionExceptions.InvalidRequest ex) {
        var errors = ex.violations.stream().map(v -> new Problems.FieldError(v.field(), v.message())).toList();
        String fields = String.join(", ", errors.stream().map(Problems.FieldError::field).toList());
        return Problems.INVALID_REQUEST.detail("Invalid field(s): " + fields, errors);
    }

    @ExceptionHandler
    ProblemDetail unknownFlow(DecisionExceptions.UnknownFlow ex) {
        return Problems.UNKNOWN_FLOW.detail(ex.getMessage(),
                List.of(new Problems.FieldError("flow", "must be one of " + ex.known)));
    }

    @ExceptionHandler
    ProblemDetail notFound(DecisionExceptions.NotFound ex) {
        return Problems.NOT_FOUND.detail(ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(DecisionExceptions.StoreUnavailable ex) {
        ProblemDetail problem = Problems.STORE_UNAVAILABLE.detail(ex.getMessage());
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
