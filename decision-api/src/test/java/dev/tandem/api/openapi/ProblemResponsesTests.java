package dev.tandem.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.tandem.api.problem.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProblemResponsesTests {

    @Test
    void add_problemsOfOneStatus_shareOneProblemJsonResponse_withAnExampleEach() {
        Operation operation = ProblemResponses.add(new Operation(), "/v1/decisions",
                Problems.INVALID_REQUEST.detail("Invalid field(s): flow",
                        List.of(new Problems.FieldError("flow", "is required"))),
                Problems.MALFORMED_JSON.detail("The body is missing or is not valid JSON"));

        ApiResponse response = operation.getResponses().get("400");
        MediaType media = response.getContent().get("application/problem+json");
        assertThat(operation.getResponses()).containsOnlyKeys("400");
        assertThat(response.getContent()).containsOnlyKeys("application/problem+json");
        assertThat(media.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
        assertThat(media.getExamples()).containsOnlyKeys("invalid-request", "malformed-json");
        assertThat(media.getExamples().get("invalid-request").getValue())
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("type", "https://tandem.dev/problems/invalid-request")
                .containsEntry("status", 400)
                .containsEntry("instance", "/v1/decisions")
                .containsEntry("errors", List.of(Map.of("field", "flow", "message", "is required")));
        assertThat(response.getDescription()).isEqualTo("Invalid request; Malformed JSON");
        assertThat(response.getHeaders()).isNull();
    }

    @Test
    void add_refusalsWorthRetrying_sayRetryAfter() {
        Operation operation = ProblemResponses.add(new Operation(), "/v1/decisions",
                Problems.RATE_LIMITED.detail("over the rate"), Problems.OVERLOADED.detail("overloaded"),
                Problems.PAYLOAD_TOO_LARGE.detail("too large"));

        assertThat(operation.getResponses().get("429").getHeaders()).containsOnlyKeys("Retry-After");
        assertThat(operation.getResponses().get("503").getHeaders()).containsOnlyKeys("Retry-After");
        assertThat(operation.getResponses().get("413").getHeaders()).isNull();
    }

    @Test
    void add_problemOutsideTheCatalogue_isRefused() {
        ProblemDetail foreign = ProblemDetail.forStatus(400);
        foreign.setType(URI.create("https://example.com/problems/other"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProblemResponses.add(new Operation(), "/v1/decisions", foreign))
                .withMessageContaining("https://example.com/problems/other");
    }
}
