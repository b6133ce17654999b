package dev.tandem.schemas;

/** HTTP header names of Tandem's REST API (beyond the standard ones). */
public final class ApiHeaders {

    /**
     * How long the caller will wait for a decision: milliseconds ({@code 150}) or a duration ({@code 150ms},
     * {@code 1s}); lowers the flow's request timeout, never raises it.
     */
    public static final String REQUEST_TIMEOUT = "X-Request-Timeout";

    /** Who is asking, for the per-client rate limit (until authentication names the client). */
    public static final String CLIENT_ID = "X-Client-Id";

    /**
     * The id of the last event a client of an event stream saw (the SSE standard's header; an outcome's version):
     * the stream resumes after it.
     */
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private ApiHeaders() {
    }
}
