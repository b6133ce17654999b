package dev.tandem.api.decision;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.tandem.api.admission.Admission;
import dev.tandem.api.admission.AdmissionFilter;
import dev.tandem.api.problem.ProblemWriter;
import dev.tandem.api.problem.Problems;
import dev.tandem.api.problem.UnreadableBody;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.ApiHeaders;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/decisions}, the hot path: a plain {@link HttpRequestHandler}, not an annotated controller method
 * (ADR 0034). Spring MVC's generic machinery (matching the request against every mapping's conditions, resolving
 * arguments and return values, negotiating the content type through the message converters) was a quarter of the
 * request threads' CPU per decision; this does the same work for the one route it serves: it checks the media types
 * the annotated method declared ({@code consumes} and {@code produces} {@code application/json}), reads the body
 * with a reader and writes the document with a writer of the application's JSON mapper, made once, and answers
 * every refusal as the problem the rest of the API answers with ({@link DecisionProblems}, {@link UnreadableBody}).
 * Admitted (or refused at once, 503 or 429) before the body is bound, by the {@link AdmissionFilter}; this releases
 * its ticket. {@link DecisionApiDocs} documents it.
 */
final class DecisionEndpoint implements HttpRequestHandler {

    /** The one route this serves. */
    static final String PATH = "/v1/decisions";

    private static final Logger log = LoggerFactory.getLogger(DecisionEndpoint.class);

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String ALLOWED = "POST";
    private static final String OPTIONS = "POST, OPTIONS";

    private final DecisionService decisions;
    private final String tenant;
    private final MeterRegistry meters;
    private final ObjectReader requests;
    private final ObjectWriter documents;
    private final ProblemWriter problemWriter;
    private final DecisionProblems problems = new DecisionProblems();
    private final Map<LatencyKey, Timer> latencies = new ConcurrentHashMap<>();

    /** The tags of one {@code tandem.decision.latency} timer (looked up once, not built per request). */
    private record LatencyKey(String flow, Verdict verdict, boolean degraded) {
    }

    /**
     * @param json the application's mapper, so that the request is read and the document written as Spring MVC
     *        reads and writes every other body
     */
    DecisionEndpoint(DecisionService decisions, String tenant, JsonMapper json, ProblemWriter problemWriter,
            MeterRegistry meters) {
        this.decisions = decisions;
        this.tenant = tenant;
        this.meters = meters;
        this.requests = json.readerFor(DecisionRequest.class);
        this.documents = json.writerFor(DecisionDocument.class);
        this.problemWriter = problemWriter;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            if (HttpMethod.OPTIONS.matches(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, OPTIONS);
            } else {
                response.setHeader(HttpHeaders.ALLOW, ALLOWED);
                problemWriter.write(Problems.METHOD_NOT_ALLOWED.detail("Method " + request.getMethod()
                        + " is not supported here"), request, response);
            }
            return;
        }
        try {
            decide(request, response);
        }
        catch (Refusal refusal) {
            refusal.headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            problemWriter.write(refusal.problem, request, response);
        }
        catch (RuntimeException | Error unexpected) { // an Error too: Spring MVC's handlers answered it as a problem
            if (response.isCommitted()) { // the answer is on its way: nothing to add to it
                throw unexpected;
            }
            log.atError().setCause(unexpected).log("unexpected failure");
            response.reset();
            problemWriter.write(Problems.INTERNAL_ERROR.detail(Problems.UNEXPECTED_DETAIL), request, response);
        }
    }

    /** 201 with the new decision, or 200 with the one already made for the same request id. */
    private void decide(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Charset charset = checkMediaTypes(request);
        // read first: a body the admission filter could not read (over the size limit) was not admitted, and is
        // refused here as Spring MVC refused it; an admitted one that is refused leaves its ticket to the filter
        DecisionRequest body = read(request, charset);
        long start = System.nanoTime(); // as the annotated method's: once the body is bound
        Admission.Ticket ticket = AdmissionFilter.ticket(request);
        OutcomeStore.CreateResult result;
        try {
            result = decisions.decide(tenant, body, requestTimeout(request.getHeader(ApiHeaders.REQUEST_TIMEOUT)),
                    start);
        }
        catch (DecisionExceptions.InvalidRequest | DecisionExceptions.UnknownFlow refused) {
            ticket.ignore();
            throw refusal(refused);
        }
        catch (RuntimeException failed) {
            ticket.release(true);
            throw refusal(failed);
        }
        Outcome outcome = result.outcome();
        ticket.release(outcome.degraded());
        // the whole document first: a failure to make it is a problem, never half an answer
        byte[] document = documents.writeValueAsBytes(DecisionDocument.of(outcome));
        response.setStatus(result instanceof OutcomeStore.Created ? HttpServletResponse.SC_CREATED
                : HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.LOCATION, PATH + '/' + outcome.decisionId());
        response.setHeader(HttpHeaders.ETAG, DecisionDocument.etag(outcome));
        response.setContentType(JSON);
        response.setContentLength(document.length);
        latency(outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        try {
            response.getOutputStream().write(document);
        }
        catch (IOException gone) { // the client went away: the decision stands, and nobody is left to tell
            log.atDebug().setCause(gone).addKeyValue("decisionId", outcome.decisionId()).log("answer not delivered");
        }
    }

    /**
     * As the annotated method's {@code consumes} and {@code produces} matched them: 415 unless the body is JSON, then
     * 406 unless the caller takes JSON.
     *
     * @return the body's charset, as its Content-Type names it (as Spring MVC's JSON converter reads it), else UTF-8
     */
    private static Charset checkMediaTypes(HttpServletRequest request) {
        String contentType = request.getContentType();
        Charset charset = JSON.equals(contentType) ? StandardCharsets.UTF_8 : jsonCharset(contentType);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.equals(JSON) && !accept.equals(MediaType.ALL_VALUE) && !acceptsJson(request)) {
            throw new Refusal(Problems.NOT_ACCEPTABLE.detail("This resource is served as [" + JSON + "]"));
        }
        return charset;
    }

    private static Charset jsonCharset(@Nullable String contentType) {
        MediaType type;
        try {
            type = contentType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(contentType);
        }
        catch (InvalidMediaTypeException unreadable) { // an unknown charset among them
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_JSON.includes(type)) {
            throw new Refusal(Problems.UNSUPPORTED_MEDIA_TYPE.detail("Content-Type "
                    + (type == null ? contentType : type)
                    + " is not supported; send [" + JSON + "]"), HttpHeaders.ACCEPT, JSON);
        }
        Charset charset = type.getCharset();
        return charset == null ? StandardCharsets.UTF_8 : charset;
    }

    /** Every {@code Accept} line, as Spring MVC's negotiation reads them; none that names a type accepts anything. */
    private static boolean acceptsJson(HttpServletRequest request) {
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(
                    Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
            return accepted.isEmpty() || accepted.stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith);
        }
        catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /** The body as a {@link DecisionRequest}: what cannot be read is a problem naming the field where it can. */
    private DecisionRequest read(HttpServletRequest request, Charset charset) {
        try {
            byte[] body = request.getInputStream().readAllBytes();
            // the UTF family as bytes, as Spring MVC's converter passed them: Jackson tells UTF-8, -16 and -32 apart
            DecisionRequest read = body.length == 0 ? null
                    : charset.name().startsWith("UTF-") ? requests.readValue(body)
                    : requests.readValue(new String(body, charset));
            if (read == null) {
                throw new Refusal(UnreadableBody.problem(null));
            }
            return read;
        }
        catch (InvalidDefinitionException ours) { // a mapping this service got wrong, not the client's body
            throw new IllegalStateException("DecisionRequest cannot be read", ours);
        }
        catch (IOException | JacksonException unreadable) { // over the size limit among them
            throw new Refusal(UnreadableBody.problem(unreadable));
        }
    }

    private Timer latency(Outcome outcome) {
        return latencies.computeIfAbsent(
                new LatencyKey(outcome.flow(), outcome.provisionalVerdict(), outcome.degraded()),
                key -> Timer.builder(MetricNames.DECISION_LATENCY)
                        .tag(MetricNames.TAG_FLOW, key.flow())
                        .tag(MetricNames.TAG_OUTCOME, key.verdict().name())
                        .tag(MetricNames.TAG_DEGRADED, Boolean.toString(key.degraded()))
                        .publishPercentileHistogram()
                        .register(meters));
    }

    /** {@code X-Request-Timeout}: milliseconds ({@code 150}) or a duration ({@code 150ms}, {@code 1s}), positive. */
    private static @Nullable Duration requestTimeout(@Nullable String header) {
        if (header == null) {
            return null;
        }
        Duration timeout = DecisionController.duration(header);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation(ApiHeaders.REQUEST_TIMEOUT,
                    "must be a positive number of milliseconds (150) or a duration (150ms, 1s), was '" + header
                            + "'")));
        }
        return timeout;
    }

    /** What the decision service's refusals answer with, as {@link DecisionProblems} maps them for the controllers. */
    private Refusal refusal(RuntimeException failure) {
        return switch (failure) {
            case Refusal refusal -> refusal;
            case DecisionExceptions.InvalidRequest invalid -> new Refusal(problems.invalid(invalid));
            case DecisionExceptions.UnknownFlow unknown -> new Refusal(problems.unknownFlow(unknown));
            case DecisionExceptions.StoreUnavailable unavailable -> new Refusal(problems.storeUnavailable(unavailable));
            default -> throw failure;
        };
    }

    /** A problem to answer with, and the headers that go with it. */
    private static final class Refusal extends RuntimeException {

        private final ProblemDetail problem;
        private final HttpHeaders headers;

        Refusal(ProblemDetail problem) {
            this(problem, new HttpHeaders());
        }

        Refusal(ProblemDetail problem, String header, String value) {
            this(problem, headers(header, value));
        }

        Refusal(ResponseEntity<ProblemDetail> answer) {
            this(Objects.requireNonNull(answer.getBody()), answer.getHeaders());
        }

        private Refusal(ProblemDetail problem, HttpHeaders headers) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
            this.headers = headers;
        }

        private static HttpHeaders headers(String name, String value) {
            var headers = new HttpHeaders();
            headers.add(name, value);
            return headers;
        }
    }
}
