package dev.tandem.api.admission;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.tandem.api.problem.ProblemWriter;
import dev.tandem.api.problem.Problems;
import dev.tandem.schemas.ApiHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admits {@code POST /v1/decisions} before Spring MVC and before its body is bound, so that a refusal costs little
 * more than reading the body (ADR 0028): the priority is read from the body by {@link BodyPriority}, the client from
 * {@code X-Client-Id}. A refusal is answered here, 503 or 429 with {@code Retry-After}; an admitted request goes on
 * with the same body bytes and its {@link Admission.Ticket} in a request attribute, which the endpoint takes with
 * {@link #ticket} and releases. A ticket nobody answered (the body was refused as invalid, or something failed before
 * the endpoint) is ignored once the request is done.
 *
 * <p>It must run after the request size limit, which bounds what is read here.
 */
public final class AdmissionFilter extends OncePerRequestFilter {

    /** The route this filter admits on (its registration's URL pattern). */
    static final String ROUTE = "/v1/decisions";

    private static final String TICKET = AdmissionFilter.class.getName() + ".ticket";

    private final Admission admission;
    private final JsonMapper json;
    private final ProblemWriter problems;

    AdmissionFilter(Admission admission, JsonMapper json, ProblemWriter problems) {
        this.admission = admission;
        this.json = json;
        this.problems = problems;
    }

    /**
     * The ticket this filter admitted {@code request} with.
     *
     * @throws IllegalStateException when the request did not pass this filter
     */
    public static Admission.Ticket ticket(HttpServletRequest request) {
        if (request.getAttribute(TICKET) instanceof Admission.Ticket ticket) {
            return ticket;
        }
        throw new IllegalStateException("request " + request.getMethod() + " " + request.getRequestURI()
                + " was not admitted: is the AdmissionFilter registered for it?");
    }

    /**
     * Not a POST, or a body that is not JSON: the endpoint consumes JSON only and answers those (405, 415) before it
     * looks for a ticket, and reading such a body here (a multipart one) would take it from whatever reads it.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod()) || !json(request.getContentType());
    }

    /** Whether the endpoint takes this content type, as Spring MVC's {@code consumes} match decides it. */
    private static boolean json(@Nullable String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
        }
        catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = read(request);
        }
        catch (IOException unreadable) {
            // over the size limit, or the client went away: the endpoint answers it (the body is never bound)
            chain.doFilter(new ReadBody(request, null, unreadable), response);
            return;
        }
        Admission.Ticket ticket;
        try {
            BodyPriority.Requested requested = BodyPriority.of(body, json);
            ticket = admission.admit(requested.priority(), requested.flow(),
                    request.getHeader(ApiHeaders.CLIENT_ID));
        }
        catch (Admission.Refused refused) {
            // Spring MVC's handler mapping names the route for http.server.requests' uri tag; a refusal never reaches
            // it, so name it here: refusals stay counted under /v1/decisions, not UNKNOWN
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(observation -> observation.setPathPattern(ROUTE));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, refused.retryAfter().toSeconds())));
            problems.write(problem(refused), request, response);
            return;
        }
        request.setAttribute(TICKET, ticket);
        try {
            chain.doFilter(new ReadBody(request, body, null), response);
        }
        finally {
            // does nothing when the endpoint released or ignored it
            ticket.ignore();
        }
    }

    /**
     * The body, in one array of its Content-Length when it declares one. {@code readAllBytes} reads through a new 16 KB
     * buffer whatever the size: for a decision of a few hundred bytes, read so here and again by the endpoint from
     * the copy, those two buffers were 42 % of what the request threads allocated (docs/benchmarks.md, hot path
     * result 23). A body of no declared length (chunked) is read whole; the size limit ahead of this filter bounds
     * both.
     */
    static byte[] read(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        ServletInputStream in = request.getInputStream();
        // readNBytes allocates the length itself up to 16 KB, and grows by reading beyond it, never ahead of the bytes
        return length < 0 || length > Integer.MAX_VALUE ? in.readAllBytes() : in.readNBytes((int) length);
    }

    /** 429 (over the client's rate) or 503 (overloaded: the limit, or the enrichers' backlog). */
    static ProblemDetail problem(Admission.Refused refused) {
        return (refused.reason() == Admission.Reason.RATE_LIMITED ? Problems.RATE_LIMITED : Problems.OVERLOADED)
                .detail(refused.getMessage());
    }

    /** The request with its body read already: the bytes read, or the failure to read them, once more. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte @Nullable [] body;
        private final @Nullable IOException unreadable;

        ReadBody(HttpServletRequest request, byte @Nullable [] body, @Nullable IOException unreadable) {
            super(request);
            this.body = body;
            this.unreadable = unreadable;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                throw unreadable != null ? unreadable : new IOException("no body");
            }
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public byte[] readAllBytes() { // the rest in one copy, not through the 16 KB buffer of the default
                    return in.readAllBytes();
                }

                @Override
                public byte[] readNBytes(int length) throws IOException {
                    return in.readNBytes(length);
                }

                @Override
                public int available() {
                    return in.available();
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
