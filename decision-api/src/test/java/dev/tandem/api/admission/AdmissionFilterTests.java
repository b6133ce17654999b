package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import dev.tandem.api.problem.ProblemConfiguration;
import dev.tandem.api.problem.ProblemWriter;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdmissionFilterTests {

    static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    static final String BULK = "{\"flow\":\"payment-risk\",\"priority\":\"BULK\",\"attributes\":{\"amount\":1}}";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A limit of 2: BULK may have 1 in flight, CRITICAL 2. */
    final Admission admission = Admission.fixed(2, 1, meters);

    final AdmissionFilter filter = new AdmissionFilter(admission, JSON, new ProblemWriter(JSON));

    private static MockHttpServletRequest post(String body) {
        var request = new MockHttpServletRequest("POST", "/v1/decisions");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void doFilter_refused_is503ProblemWithRetryAfter_andTheChainIsNotCalled() throws Exception {
        Admission.Ticket held = admission.admit(Priority.CRITICAL, null, null);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(post(BULK), response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo("https://tandem.dev/problems/overloaded");
        assertThat(problem.get("detail").asString()).contains("priority BULK");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/decisions");
        assertThat(meters.get("tandem.admission.refused").tags("priority", "BULK", "reason", "overloaded").counter()
                .count()).isEqualTo(1);
        held.release(false);
    }

    @Test
    void doFilter_refused_isCountedInHttpServerRequestsUnderItsRoute() throws Exception {
        admission.admit(Priority.CRITICAL, null, null);
        var observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        var observed = new ServerHttpObservationFilter(observations);

        observed.doFilter(post(BULK), new MockHttpServletResponse(),
                (request, response) -> filter.doFilter(request, response, new MockFilterChain()));

        assertThat(meters.get("http.server.requests").tag("uri", "/v1/decisions").tag("status", "503").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void doFilter_clientOverItsRate_is429ProblemWithRetryAfter() throws Exception {
        MockHttpServletRequest first = post(BULK);
        first.addHeader("X-Client-Id", "client-a");
        filter.doFilter(first, new MockHttpServletResponse(), new MockFilterChain());
        MockHttpServletRequest second = post(BULK);
        second.addHeader("X-Client-Id", "client-a");
        var response = new MockHttpServletResponse();

        filter.doFilter(second, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(JSON.readTree(response.getContentAsByteArray()).get("type").asString())
                .isEqualTo("https://tandem.dev/problems/rate-limited");
    }

    @Test
    void doFilter_admitted_theChainReadsTheSameBody_andFindsTheTicket() throws Exception {
        var read = new AtomicReference<String>();
        var reader = new AtomicReference<String>();
        FilterChain chain = (request, response) -> {
            read.set(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            reader.set(request.getReader().readLine());
            AdmissionFilter.ticket((HttpServletRequest) request).release(false);
        };

        filter.doFilter(post(BULK), new MockHttpServletResponse(), chain);

        assertThat(read.get()).isEqualTo(BULK);
        assertThat(reader.get()).isEqualTo(BULK);
        // released once (the filter's ignore afterwards does nothing): the whole limit is free again
        admission.admit(Priority.CRITICAL, null, null);
        admission.admit(Priority.CRITICAL, null, null);
        assertThatThrownBy(() -> admission.admit(Priority.CRITICAL, null, null)).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void read_bodyOfDeclaredLength_isReadWhole_pastOneBuffer() throws Exception {
        byte[] large = ("{\"flow\":\"payment-risk\",\"attributes\":{\"note\":\"" + "x".repeat(40_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = post(new String(large, StandardCharsets.UTF_8));

        assertThat(request.getContentLengthLong()).isEqualTo(large.length);
        assertThat(AdmissionFilter.read(request)).isEqualTo(large);
    }

    @Test
    void read_bodyOfNoDeclaredLength_isReadToItsEnd() throws Exception {
        var chunked = new HttpServletRequestWrapper(post(BULK)) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };

        assertThat(new String(AdmissionFilter.read(chunked), StandardCharsets.UTF_8)).isEqualTo(BULK);
    }

    @Test
    void doFilter_admitted_theChainReadsTheBodyInPieces_andItsEnd() throws Exception {
        var pieces = new AtomicReference<String>();
        FilterChain chain = (request, response) -> {
            ServletInputStream in = request.getInputStream();
            int available = in.available();
            byte[] head = in.readNBytes(10);
            byte[] rest = in.readAllBytes();
            pieces.set(available + "|" + new String(head, StandardCharsets.UTF_8) + "|"
                    + new String(rest, StandardCharsets.UTF_8) + "|" + in.isFinished() + "|" + in.read());
            AdmissionFilter.ticket((HttpServletRequest) request).release(false);
        };

        filter.doFilter(post(BULK), new MockHttpServletResponse(), chain);

        assertThat(pieces.get()).isEqualTo(BULK.length() + "|" + BULK.substring(0, 10) + "|" + BULK.substring(10)
                + "|true|-1");
    }

    @Test
    void doFilter_chainThrowsBeforeTheTicketIsAnswered_theTicketIsIgnored() {
        FilterChain chain = (request, response) -> {
            throw new IllegalStateException("binding failed");
        };

        assertThatThrownBy(() -> filter.doFilter(post(BULK), new MockHttpServletResponse(), chain))
                .hasMessage("binding failed");

        // BULK's one place is free again
        admission.admit(Priority.BULK, null, null).release(false);
    }

    @Test
    void doFilter_malformedBody_isAdmittedAsStandard_andIgnoredWhenNobodyAnswersIt() throws Exception {
        var ticket = new AtomicReference<Admission.Ticket>();
        FilterChain chain = (request, response) -> ticket.set(AdmissionFilter.ticket((HttpServletRequest) request));

        filter.doFilter(post("{\"priority\":\"BULK\","), new MockHttpServletResponse(), chain);

        assertThat(ticket.get()).isNotNull();
        admission.admit(Priority.BULK, null, null);
    }

    @Test
    void doFilter_unreadableBody_goesOnUnadmitted_andTheChainSeesTheSameFailure() throws Exception {
        var failure = new IOException("over the limit");
        var request = new HttpServletRequestWrapper(new MockHttpServletRequest("POST", "/v1/decisions")) {
            @Override
            public ServletInputStream getInputStream() throws IOException {
                throw failure;
            }
        };
        var seen = new AtomicReference<Throwable>();
        FilterChain chain = (wrapped, response) -> {
            assertThatThrownBy(() -> AdmissionFilter.ticket((HttpServletRequest) wrapped))
                    .isInstanceOf(IllegalStateException.class);
            try {
                wrapped.getInputStream();
            }
            catch (IOException ex) {
                seen.set(ex);
            }
        };

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(seen.get()).isSameAs(failure);
    }

    @Test
    void registration_onDecisionsOnly_afterTheObservationAndTheSizeLimit() {
        var registration = new AdmissionFilterConfiguration().admissionFilter(admission, JSON, new ProblemWriter(JSON));

        assertThat(registration.getUrlPatterns()).containsExactly("/v1/decisions");
        // Boot registers its ServerHttpObservationFilter at HIGHEST_PRECEDENCE + 1: the refusals are observed
        assertThat(registration.getOrder()).isGreaterThan(ProblemConfiguration.REQUEST_SIZE_LIMIT_ORDER)
                .isGreaterThan(Ordered.HIGHEST_PRECEDENCE + 1);
    }

    @Test
    void doFilter_bodyNotJson_goesOnUnreadAndUnadmitted_forSpringMvcToAnswer415() throws Exception {
        admission.admit(Priority.CRITICAL, null, null); // BULK's share in use: a BULK body here would be refused
        var multipart = new MockHttpServletRequest("POST", "/v1/decisions");
        multipart.setContentType("multipart/form-data; boundary=x");
        multipart.setContent(BULK.getBytes(StandardCharsets.UTF_8));
        var chain = new MockFilterChain();

        filter.doFilter(multipart, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(multipart);
        assertThat(multipart.getInputStream().readAllBytes()).isEqualTo(BULK.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void doFilter_notAPost_isNotAdmitted() throws Exception {
        var chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest("GET", "/v1/decisions"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThatThrownBy(() -> AdmissionFilter.ticket((HttpServletRequest) chain.getRequest()))
                .isInstanceOf(IllegalStateException.class);
    }
}
