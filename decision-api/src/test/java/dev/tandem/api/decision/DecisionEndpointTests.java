package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.admission.Admission;
import dev.tandem.api.admission.AdmissionFilter;
import dev.tandem.api.admission.AdmissionFilterConfiguration;
import dev.tandem.api.problem.ProblemConfiguration;
import dev.tandem.api.watch.OutcomeChange;
import dev.tandem.api.watch.OutcomeWatchers;
import dev.tandem.api.watch.WatchProperties;
import dev.tandem.core.features.InMemoryFeatureStore;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.HandlerMapping;

@WebMvcTest(DecisionController.class)
@Import({ DecisionControllerTests.Fakes.class, DecisionEndpointConfiguration.class, ProblemConfiguration.class,
        AdmissionFilterConfiguration.class })
class DecisionEndpointTests {

    static final String GOOD = DecisionControllerTests.GOOD;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    TestDecisions.RecordingPublisher publisher;

    @Autowired
    Admission admission;

    @Autowired
    DecisionControllerTests.StoreOutage outage;

    @Autowired
    DecisionEndpoint endpoint;

    @Autowired
    FilterRegistrationBean<AdmissionFilter> admissionFilter;

    @Autowired
    InMemoryOutcomeStore outcomes;

    private MvcTestResult post(String body) {
        return mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void post_goodRequest_is201WithLocationETagAndDocument() {
        MvcTestResult result = post(GOOD.formatted("r-1"));

        assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader("ETag", "\"1\"");
        assertThat(result.getResponse().getHeader("Location")).matches("/v1/decisions/[0-9a-f-]{36}");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PROVISIONAL");
        assertThat(result).bodyJson().extractingPath("$.model.name").isEqualTo("payment-risk-fast");
        assertThat(result).bodyJson().extractingPath("$.enrichment.pending[0]").isEqualTo("velocity");
        assertThat(result).bodyJson().extractingPath("$.outcome").isEqualTo("APPROVE");
    }

    @Test
    void post_clientGoneWhileTheAnswerIsWritten_theDecisionStands_andItsPlaceIsFreeAgain() throws Exception {
        var request = new MockHttpServletRequest("POST", DecisionEndpoint.PATH);
        request.setContentType(MediaType.APPLICATION_JSON_VALUE);
        request.setContent(GOOD.formatted("r-gone").getBytes(StandardCharsets.UTF_8));
        var response = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                return new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("Broken pipe");
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        throw new IOException("Broken pipe");
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                };
            }
        };
        int publishedBefore = publisher.published.size();

        admissionFilter.getFilter().doFilter(request, response, (admitted, answer) -> endpoint.handleRequest(
                (HttpServletRequest) admitted, (HttpServletResponse) answer));

        assertThat(response.getStatus()).isEqualTo(HttpStatus.CREATED.value());
        String location = response.getHeader("Location");
        assertThat(outcomes.find("default", location.substring(location.lastIndexOf('/') + 1)).toCompletableFuture()
                .join()).hasValueSatisfying(stored -> assertThat(stored.requestId()).isEqualTo("r-gone"));
        assertThat(publisher.published).hasSize(publishedBefore + 1);
        // its ticket was released: both places of the limit are free
        Admission.Ticket first = admission.admit(Priority.CRITICAL, null, null);
        Admission.Ticket second = admission.admit(Priority.CRITICAL, null, null);
        first.release(false);
        second.release(false);
    }

    @Test
    void post_sameRequestIdAgain_is200WithTheSameDecision() {
        String first = post(GOOD.formatted("r-2")).getResponse().getHeader("Location");

        MvcTestResult again = post(GOOD.formatted("r-2"));

        assertThat(again).hasStatus(HttpStatus.OK).hasHeader("Location", first);
    }

    @Test
    void post_requestTimeoutHeader_isMillisecondsOrADuration_andAnythingElseIsAProblemNamingIt() {
        int publishedBefore = publisher.published.size();
        assertThat(mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Timeout", "150").content(GOOD.formatted("r-t1")).exchange())
                .hasStatus(HttpStatus.CREATED);
        assertThat(mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Timeout", "80ms").content(GOOD.formatted("r-t2")).exchange())
                .hasStatus(HttpStatus.CREATED);

        for (String bad : List.of("soon", "0", "-5ms", "1.5s")) {
            MvcTestResult result = mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Request-Timeout", bad).content(GOOD.formatted("r-t3")).exchange();
            assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("X-Request-Timeout");
        }
        assertThat(publisher.published).hasSize(publishedBefore + 2);
    }

    @Test
    void post_whileBulksShareIsInUse_bulkIs503WithRetryAfter_butCriticalIsAdmitted() {
        Admission.Ticket held = admission.admit(Priority.CRITICAL, null, null);
        try {
            assertRefusedAtOnce(post(withPriority("r-bulk", "BULK")), HttpStatus.SERVICE_UNAVAILABLE, """
                    {"detail":"Too many decisions in flight for priority BULK; retry after 1s",\
                    "instance":"/v1/decisions","status":503,"title":"Overloaded",\
                    "type":"https://tandem.dev/problems/overloaded"}""");
            assertThat(post(withPriority("r-critical", "CRITICAL"))).hasStatus(HttpStatus.CREATED);
        }
        finally {
            held.release(false);
        }
        assertThat(post(withPriority("r-bulk", "BULK"))).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void post_aClientOverItsRate_is429WithRetryAfter_andOtherClientsAreNotAffected() {
        for (int i = 0; i < 5; i++) {
            assertThat(postAs("client-a", GOOD.formatted("r-rate-" + i))).hasStatus(HttpStatus.CREATED);
        }
        assertRefusedAtOnce(postAs("client-a", GOOD.formatted("r-rate-5")), HttpStatus.TOO_MANY_REQUESTS, """
                {"detail":"This client asked for more decisions than its rate allows; retry after 1s",\
                "instance":"/v1/decisions","status":429,"title":"Too many requests",\
                "type":"https://tandem.dev/problems/rate-limited"}""");
        assertThat(postAs("client-b", GOOD.formatted("r-rate-6"))).hasStatus(HttpStatus.CREATED);
    }

    private MvcTestResult postAs(String client, String body) {
        return mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON).header("X-Client-Id", client)
                .content(body).exchange();
    }

    private static String withPriority(String requestId, String priority) {
        return GOOD.formatted(requestId).replace("\"requestId\"", "\"priority\":\"" + priority + "\",\"requestId\"");
    }

    @Test
    void post_malformedJson_isProblem() {
        assertProblem(post("{\"flow\": "), HttpStatus.BAD_REQUEST, "malformed-json");
    }

    @Test
    void post_wrongTypeOfTopLevelField_namesTheField() {
        MvcTestResult result = post("""
                {"flow":"payment-risk","entityId":"e-1","priority":"URGENT","attributes":{}}""");

        assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("priority");
    }

    @Test
    void post_badAttributes_namesEachField() {
        MvcTestResult result = post("""
                {"flow":"payment-risk","entityId":"e-1","attributes":{"amount":"ten","currency":"XXY"}}""");

        assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("attributes.amount", "attributes.currency", "attributes.merchantId");
    }

    @Test
    void post_missingOrUnknownFlow_isProblemNamingTheFlow() {
        assertProblem(post("{\"entityId\":\"e\",\"attributes\":{}}"), HttpStatus.BAD_REQUEST, "invalid-request");
        MvcTestResult unknown = post("{\"flow\":\"nope\",\"entityId\":\"e\",\"attributes\":{}}");
        assertProblem(unknown, HttpStatus.BAD_REQUEST, "unknown-flow");
        assertThat(unknown).bodyJson().extractingPath("$.errors[0].field").isEqualTo("flow");
    }

    @Test
    void post_oversizedBody_is413Problem() {
        String huge = GOOD.formatted("x".repeat(20_000));

        assertProblem(post(huge), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
    }

    @Test
    void post_eventTimeFarInTheFuture_namesTheField() {
        MvcTestResult result = post("""
                {"flow":"payment-risk","entityId":"e-1","eventTime":"2999-01-01T00:00:00Z",
                 "attributes":{"amount":12.5,"currency":"EUR","merchantId":"m-1"}}""");

        assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("eventTime");
    }

    @Test
    void post_wrongMediaType_is415Problem() {
        MvcTestResult result = mvc.post().uri("/v1/decisions").contentType(MediaType.TEXT_PLAIN).content("hi")
                .exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    @Test
    void post_badRequests_publishNothing() {
        int before = publisher.published.size();

        post("{\"flow\": ");
        post("{\"flow\":\"nope\",\"entityId\":\"e\",\"attributes\":{}}");
        post("{\"flow\":\"payment-risk\",\"entityId\":\"e\",\"attributes\":{\"amount\":-1}}");

        assertThat(publisher.published).hasSize(before);
    }

    @Test
    void otherMethods_are405ProblemsNamingPost_andOptionsAnswersWhatIsAllowed() {
        MvcTestResult get = mvc.get().uri("/v1/decisions").exchange();

        assertProblem(get, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
        assertThat(get).hasHeader("Allow", "POST");
        assertThat(mvc.put().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON).content(GOOD.formatted("r-m"))
                .exchange()).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(mvc.options().uri("/v1/decisions").exchange()).hasStatusOk().hasHeader("Allow", "POST, OPTIONS");
        assertThat(publisher.published).noneMatch(outcome -> outcome.requestId().equals("r-m"));
    }

    @Test
    void post_acceptingOnlyAnotherMediaType_is406Problem_butAnyThatTakesJsonIsServed() {
        MvcTestResult xml = mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_XML).content(GOOD.formatted("r-a1")).exchange();

        assertProblem(xml, HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
        // every Accept line counts, as Spring MVC's negotiation reads them
        assertThat(mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON).header("Accept", "text/html")
                .header("Accept", "application/json").content(GOOD.formatted("r-a2")).exchange())
                .hasStatus(HttpStatus.CREATED);
        for (String accept : List.of("application/*", "text/html, application/json;q=0.5", "*/*", "")) {
            assertThat(mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON).header("Accept", accept)
                    .content(GOOD.formatted("r-a-" + accept.length())).exchange()).as(accept)
                    .hasStatus(HttpStatus.CREATED).hasContentType(MediaType.APPLICATION_JSON);
        }
    }

    @Test
    void post_withoutAContentType_is415ProblemSayingWhatToSend() {
        MvcTestResult result = mvc.post().uri("/v1/decisions").content(GOOD.formatted("r-c1")).exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
        assertThat(result).hasHeader("Accept", "application/json");
        assertThat(result).bodyJson().extractingPath("$.detail")
                .isEqualTo("Content-Type application/octet-stream is not supported; send [application/json]");
    }

    @Test
    void post_emptyOrNullBody_isMalformedJson() {
        for (String body : List.of("", "null")) {
            MvcTestResult result = post(body);

            assertProblem(result, HttpStatus.BAD_REQUEST, "malformed-json");
            assertThat(result).bodyJson().extractingPath("$.detail")
                    .isEqualTo("The body is missing or is not valid JSON");
        }
    }

    @Test
    void post_inAnotherCharset_isReadInIt() throws Exception {
        byte[] latin1 = GOOD.formatted("r-ch").replace("\"e-1\"", "\"caf\u00e9\"")
                .getBytes(StandardCharsets.ISO_8859_1);

        MvcTestResult result = mvc.post().uri("/v1/decisions").contentType("application/json;charset=ISO-8859-1")
                .content(latin1).exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.entityId").isEqualTo("caf\u00e9");
    }

    @Test
    void post_whenNeitherTheStoreNorTheLogTakesTheDecision_is503StoreUnavailableWithRetryAfter() {
        outage.down = true;
        publisher.down = true;
        try {
            MvcTestResult refused = post(GOOD.formatted("r-down"));

            assertProblem(refused, HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable");
            assertThat(refused).hasHeader("Retry-After", "1");
        }
        finally {
            outage.down = false;
            publisher.down = false;
        }
        assertThat(post(GOOD.formatted("r-after-down"))).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void post_namesItsRoute_asTheAnnotatedControllersDo() {
        MvcTestResult result = post(GOOD.formatted("r-route"));

        assertThat(result.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                .isEqualTo("/v1/decisions");
    }

    /** A refusal by admission: the status, {@code Retry-After: 1} and the whole problem document. */
    private static void assertRefusedAtOnce(MvcTestResult result, HttpStatus status, String problem) {
        assertThat(result).hasStatus(status).hasHeader("Retry-After", "1")
                .hasHeader("Content-Type", "application/problem+json");
        assertThat(result).bodyText().isEqualTo(problem);
    }

    private static void assertProblem(MvcTestResult result, HttpStatus status, String type) {
        assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://tandem.dev/problems/" + type);
    }
}
