package dev.tandem.api.problem;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem from a servlet filter, before Spring MVC: the same document Spring MVC writes for a {@link
 * ProblemDetail} a handler returns (its {@code instance} the request's path, written by the application's mapper).
 */
public final class ProblemWriter {

    private final JsonMapper json;

    /** @param json Spring's mapper, so the problem reads as every other one */
    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** Answers {@code problem} with its status; headers set on {@code response} before are kept. */
    public void write(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
