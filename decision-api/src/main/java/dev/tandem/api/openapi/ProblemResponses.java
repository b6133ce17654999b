package dev.tandem.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.tandem.api.problem.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problem responses of an operation: one response per status, served as
 * {@code application/problem+json} with the {@value #SCHEMA} schema and one named example per problem type (named by
 * its slug). Refusals worth retrying (429, 503) carry {@code Retry-After}, as every one of Tandem's does.
 *
 * <pre>{@code
 * ProblemResponses.add(operation, "/v1/decisions/3f0c…", Problems.NOT_FOUND.detail("no decision with id 3f0c…"));
 * }</pre>
 */
public final class ProblemResponses {

    /** The name of the problem schema among the document's components. */
    public static final String SCHEMA = "Problem";

    private static final String REF = "#/components/schemas/" + SCHEMA;

    private static final Header RETRY_AFTER = new Header()
            .description("Seconds to wait before asking again")
            .schema(new IntegerSchema().example(1));

    private ProblemResponses() {
    }

    /**
     * Adds (or replaces) a response for each status among {@code examples}.
     *
     * @param instance the path of a request the examples answer; their {@code instance}
     * @param examples problems as the operation answers them, each made from the {@link Problems} catalogue
     * @return {@code operation}
     */
    public static Operation add(Operation operation, String instance, ProblemDetail... examples) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        Map<Integer, List<ProblemDetail>> byStatus = List.of(examples).stream()
                .collect(Collectors.groupingBy(ProblemDetail::getStatus, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, problems) -> operation.getResponses()
                .addApiResponse(Integer.toString(status), response(status, problems, instance)));
        return operation;
    }

    private static ApiResponse response(int status, List<ProblemDetail> problems, String instance) {
        var media = new MediaType().schema(new Schema<>().$ref(REF));
        problems.forEach(problem -> media.addExamples(slug(problem),
                new Example().summary(problem.getTitle()).value(value(problem, instance))));
        var response = new ApiResponse()
                .description(problems.stream().map(ProblemDetail::getTitle).distinct()
                        .collect(Collectors.joining("; ")))
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        media));
        if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
        }
        return response;
    }

    private static String slug(ProblemDetail problem) {
        String type = problem.getType().toString();
        if (!type.startsWith(Problems.TYPE_BASE)) {
            throw new IllegalArgumentException("not a problem of the catalogue: " + type);
        }
        return type.substring(Problems.TYPE_BASE.length());
    }

    /** The problem as the API writes it: its members, then its extension members ({@code errors}). */
    private static Map<String, Object> value(ProblemDetail problem, String instance) {
        var value = new LinkedHashMap<String, Object>();
        value.put("type", problem.getType().toString());
        value.put("title", Objects.requireNonNull(problem.getTitle()));
        value.put("status", problem.getStatus());
        value.put("detail", Objects.requireNonNull(problem.getDetail()));
        value.put("instance", instance);
        if (problem.getProperties() != null) {
            value.putAll(problem.getProperties());
        }
        return value;
    }

    /** The {@value #SCHEMA} schema: RFC 9457's members and Tandem's {@code errors}. */
    static Schema<?> schema() {
        var fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field's path in the request document")
                        .example("attributes.amount"))
                .addProperty("message", new StringSchema().example("must be a positive number"));
        fieldError.setRequired(List.of("field", "message"));
        var problem = new ObjectSchema()
                .description("A problem details document (RFC 9457)")
                .addProperty("type", new StringSchema().format("uri")
                        .description("What kind of problem: stable, to switch on; https://tandem.dev/problems/<slug>"))
                .addProperty("title", new StringSchema().description("A short summary of the type; the same for "
                        + "every problem of that type"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What went wrong this time, for people"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path of the request that failed"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("The offending fields, when the request had some"));
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return problem;
    }
}
