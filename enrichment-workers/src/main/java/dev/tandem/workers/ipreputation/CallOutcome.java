package dev.tandem.workers.ipreputation;

/**
 * How one call to the provider ended: the {@code outcome} tag of {@code tandem.external.calls}, and whether it counts
 * against the provider in the circuit breaker (a 4xx is the caller's fault: the provider is well).
 */
enum CallOutcome {

    /** 2xx with a readable answer. */
    OK("ok", false),
    /** No answer within the read timeout. */
    TIMEOUT("timeout", true),
    /** 5xx. */
    ERROR_5XX("error_5xx", true),
    /** 429: the provider sheds load; retried, and counted against it so that a sustained 429 opens the circuit. */
    THROTTLED("throttled", true),
    /** Another 4xx: this request is wrong (such as an address the provider does not accept); not retried. */
    ERROR_4XX("error_4xx", false),
    /** The connection could not be made (refused, or not within the connect timeout). */
    CONNECT_ERROR("connect_error", true),
    /** The connection broke during the exchange. */
    IO_ERROR("io_error", true),
    /** 2xx whose body is not the expected answer, or a status that is neither success nor error. */
    BAD_RESPONSE("bad_response", true),
    /** Not made: the circuit was open (or half-open with its probes taken). */
    REJECTED_OPEN("rejected_open", false);

    private final String tag;
    private final boolean providerFault;

    CallOutcome(String tag, boolean providerFault) {
        this.tag = tag;
        this.providerFault = providerFault;
    }

    String tag() {
        return tag;
    }

    /** Whether the circuit breaker records it as a failure of the provider. */
    boolean providerFault() {
        return providerFault;
    }
}
