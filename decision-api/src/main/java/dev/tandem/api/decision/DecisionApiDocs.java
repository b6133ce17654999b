package dev.tandem.api.decision;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

import dev.tandem.api.openapi.ProblemResponses;
import dev.tandem.api.problem.Problems;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.schemas.ApiHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The {@link DecisionEndpoint}'s operation, which springdoc cannot see (it documents annotated controllers only), made
 * here as springdoc makes an annotated method's, and what springdoc cannot read from {@link DecisionController}'s
 * signatures: summaries, what the headers mean, the
 * 201/200 and 304 answers with the headers they carry, the problems each endpoint answers with, and examples. One
 * method per handler method, chosen by its name; a handler without one keeps what springdoc made of it (the OpenAPI
 * check in it-tests asks for a summary on every operation). Examples are made by the code that makes the real
 * answers where it can: the documents by {@link DecisionExamples}, the problems by {@link DecisionProblems} and the
 * {@link Problems} catalogue.
 */
final class DecisionApiDocs implements OperationCustomizer, OpenApiCustomizer {

    private static final Header LOCATION = new Header().description("The decision's URL")
            .schema(new StringSchema().example(DecisionExamples.DECISION_PATH));
    private static final Header ETAG = new Header()
            .description("The document's version, quoted; it grows with every change of the outcome")
            .schema(new StringSchema().example("\"1\""));
    private static final Header CACHE_CONTROL = new Header()
            .description("`max-age=3600, public` for a FINAL outcome (it never changes again), else `no-cache` "
                    + "(it may still change: a cache asks again, and gets a 304 when nothing changed)")
            .schema(new StringSchema().example("no-cache"));

    private final DecisionExamples examples;

    DecisionApiDocs(DecisionExamples examples) {
        this.examples = examples;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Class<?> controller = ClassUtils.getUserClass(handler.getBeanType());
        if (controller == DecisionEvents.class) {
            return events(operation);
        }
        if (controller != DecisionController.class) {
            return operation;
        }
        return handler.getMethod().getName().equals("get") ? get(operation) : operation;
    }

    /**
     * Adds {@code POST /v1/decisions}: the operation springdoc would make of a method of {@link DecisionController}
     * taking the two headers and the {@link DecisionRequest} body and answering a {@link DecisionDocument}, then
     * described as the other operations are.
     */
    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents();
        var operation = new Operation().addTagsItem(DecisionController.TAG)
                .addParametersItem(header(ApiHeaders.REQUEST_TIMEOUT))
                .addParametersItem(header(ApiHeaders.CLIENT_ID))
                .requestBody(new RequestBody().required(true).content(json(schema(DecisionRequest.class, components))))
                .responses(new ApiResponses().addApiResponse("200",
                        new ApiResponse().content(json(schema(DecisionDocument.class, components)))));
        openApi.path(DecisionEndpoint.PATH, new PathItem().post(decide(operation)));
    }

    private static Parameter header(String name) {
        return new HeaderParameter().name(name).required(false).schema(new StringSchema());
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(MediaType.APPLICATION_JSON_VALUE,
                new io.swagger.v3.oas.models.media.MediaType().schema(schema));
    }

    /**
     * A reference to the type's schema, made as springdoc makes a body's, and the schema added to the components when
     * they lack it. Only that one: springdoc's resolver hands back every schema it has made, those springdoc dropped
     * as unused among them, and the two types documented here hold no types of their own that are not there already.
     */
    private static Schema<?> schema(Class<?> type, Components components) {
        var resolved = new Components();
        Schema<?> reference = SpringDocAnnotationsUtils.extractSchema(resolved, type, null, new Annotation[0],
                SpecVersion.V31);
        String name = type.getSimpleName();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            components.addSchemas(name, resolved.getSchemas().get(name));
        }
        return reference;
    }

    private Operation decide(Operation operation) {
        operation.operationId("makeDecision").summary("Make a decision").description("""
                Decides at once from the online features and the flow's fast model, stores the outcome \
                (`PROVISIONAL`) and hands the slow work to the enrichers. The same `requestId` in the same flow \
                always means the same decision: asked again, the API answers 200 with the decision already made. \
                Refused before any work, with `Retry-After`: when the API is overloaded (503; `BULK` first, then \
                `STANDARD`), when the flow's enrichers are further behind than the priority may wait (503; \
                `CRITICAL` never), or when the client is over its rate (429).""");
        parameter(operation, ApiHeaders.REQUEST_TIMEOUT).example("150ms").description("""
                How long the caller will wait: milliseconds (`150`) or a duration (`150ms`, `1s`), positive. \
                Lowers the flow's request timeout, never raises it; features not read by then are defaults \
                (`degraded: true`, with the reason).""");
        parameter(operation, ApiHeaders.CLIENT_ID).example("checkout").description("""
                Who is asking, for the per-client rate limit (until authentication names the client); \
                unnamed requests are limited only by the API's concurrency.""");
        operation.getRequestBody().description("What to decide on; `attributes` as the flow defines them")
                .getContent().get(MediaType.APPLICATION_JSON_VALUE)
                .example(examples.request());
        Content document = documentContent(operation);
        var responses = new ApiResponses()
                .addApiResponse("201", new ApiResponse().description("Decided: the new decision")
                        .addHeaderObject(HttpHeaders.LOCATION, LOCATION).addHeaderObject(HttpHeaders.ETAG, ETAG)
                        .content(withExample(document, examples.provisional())))
                .addApiResponse("200", new ApiResponse()
                        .description("Decided before: the current document of the decision made for this requestId")
                        .addHeaderObject(HttpHeaders.LOCATION, LOCATION).addHeaderObject(HttpHeaders.ETAG, ETAG)
                        .content(withExample(document, examples.settled())));
        operation.setResponses(responses);
        var problems = new DecisionProblems();
        return ProblemResponses.add(operation, "/v1/decisions",
                problems.invalid(new DecisionExceptions.InvalidRequest(List.of(
                        new AttributeViolation("attributes.amount", "must be a positive number"),
                        new AttributeViolation("attributes.currency",
                                "must be an ISO 4217 currency code, such as EUR")))),
                Problems.MALFORMED_JSON.detail("The body is missing or is not valid JSON"),
                problems.unknownFlow(new DecisionExceptions.UnknownFlow("payment-risc",
                        new TreeSet<>(List.of(DecisionExamples.FLOW, "payment-risk-deep")))),
                Problems.PAYLOAD_TOO_LARGE.detail("The request body is larger than the limit of 16384 bytes"),
                Problems.UNSUPPORTED_MEDIA_TYPE.detail(
                        "Content-Type text/plain is not supported; send [application/json]"),
                Problems.RATE_LIMITED.detail(
                        "This client asked for more decisions than its rate allows; retry after 1s"),
                Problems.OVERLOADED.detail("Too many decisions in flight for priority BULK; retry after 1s"),
                storeUnavailable(problems));
    }

    private Operation get(Operation operation) {
        operation.operationId("getDecision").summary("Read a decision").description("""
                The decision's current document. Poll it until `status` is `FINAL` (or `TIMED_OUT`); with \
                `If-None-Match` an unchanged document costs a 304 and no body. A FINAL document never changes \
                again, so any cache may keep it for an hour. Long poll: with `waitForVersion` the answer comes as \
                soon as the decision reaches that version (or is FINAL), or with the current document when \
                `timeout` passes.""");
        decisionId(operation);
        parameter(operation, DecisionController.WAIT_FOR_VERSION).example("3").description("""
                Long poll: answer once the decision's version is at least this (1, 2, ...), or it is FINAL.""");
        parameter(operation, DecisionController.TIMEOUT).example("10s").description("""
                Long poll: how long to wait for `waitForVersion`, as milliseconds (`5000`) or a duration (`5s`); \
                20 s when absent, at most 60 s. Only with `waitForVersion`.""");
        operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_NONE_MATCH)
                .description("The `ETag` of the document the caller has: 304 while it is still current")
                .schema(new StringSchema()).example("\"1\""));
        Content document = documentContent(operation);
        var responses = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("The current document")
                        .addHeaderObject(HttpHeaders.ETAG, ETAG)
                        .addHeaderObject(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                        .content(withExample(document, examples.settled())))
                .addApiResponse("304", new ApiResponse()
                        .description("Not modified: `If-None-Match` names the current version; no body")
                        .addHeaderObject(HttpHeaders.ETAG, ETAG)
                        .addHeaderObject(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL));
        operation.setResponses(responses);
        var problems = new DecisionProblems();
        return ProblemResponses.add(operation, DecisionExamples.DECISION_PATH,
                problems.invalid(new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation(
                        DecisionController.TIMEOUT, "must be at most 60s, was '10m'")))),
                problems.notFound(new DecisionExceptions.NotFound(DecisionExamples.DECISION_ID)),
                Problems.OVERLOADED.detail("this instance already holds its 4000 watchers (long polls and event "
                        + "streams); retry shortly"),
                storeUnavailable(problems));
    }

    private Operation events(Operation operation) {
        operation.operationId("streamDecision").summary("Follow a decision as it changes").description("""
                Server-Sent Events: `provisional` (version 1), `enriched` (each merge of enrichers' results), \
                `final` (FINAL, TIMED_OUT or AMENDED), each the whole decision document with the version as its \
                `id`; the stream ends after `final`. Comments every 15 s keep an idle stream open. A reconnecting \
                client sends `Last-Event-ID` and gets the current document if it is newer than that version: \
                versions that followed each other while it was away arrive as the newest one.""");
        decisionId(operation);
        parameter(operation, ApiHeaders.LAST_EVENT_ID).example("1").description("""
                The id (version) of the last event the client saw: the stream starts after it.""");
        operation.setResponses(new ApiResponses().addApiResponse("200", new ApiResponse()
                .description("The stream of the decision's versions")
                .content(new Content().addMediaType(MediaType.TEXT_EVENT_STREAM_VALUE,
                        new io.swagger.v3.oas.models.media.MediaType().schema(new StringSchema()).example("""
                                id:1
                                event:provisional
                                data:{"decisionId":"%1$s","status":"PROVISIONAL","version":1,...}

                                id:3
                                event:final
                                data:{"decisionId":"%1$s","status":"FINAL","version":3,...}

                                """.formatted(DecisionExamples.DECISION_ID))))));
        var problems = new DecisionProblems();
        return ProblemResponses.add(operation, DecisionExamples.DECISION_PATH + "/events",
                problems.invalid(new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation(
                        ApiHeaders.LAST_EVENT_ID, "must be the id of an event of this stream (a version: 0, 1, 2, "
                                + "...), was 'x'")))),
                problems.notFound(new DecisionExceptions.NotFound(DecisionExamples.DECISION_ID)),
                Problems.OVERLOADED.detail("this instance already holds its 4000 watchers (long polls and event "
                        + "streams); retry shortly"),
                storeUnavailable(problems));
    }

    private static void decisionId(Operation operation) {
        parameter(operation, "decisionId")
                .description("The decision's id, the last segment of the `Location` answered by the POST")
                .example(DecisionExamples.DECISION_ID);
    }

    private static Parameter parameter(Operation operation, String name) {
        return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(operation.getOperationId() + " takes no " + name));
    }

    /** What springdoc made of the handler's {@code ResponseEntity<DecisionDocument>}: the document's schema. */
    private static Content documentContent(Operation operation) {
        return operation.getResponses().get("200").getContent();
    }

    /** The content with an example of its own (one Content is shared by several responses). */
    private static Content withExample(Content content, Object example) {
        var copy = new Content();
        content.forEach((type, media) -> copy.addMediaType(type,
                new io.swagger.v3.oas.models.media.MediaType().schema(media.getSchema()).example(example)));
        return copy;
    }

    private static ProblemDetail storeUnavailable(DecisionProblems problems) {
        return problems.storeUnavailable(new DecisionExceptions.StoreUnavailable(new TimeoutException())).getBody();
    }
}
