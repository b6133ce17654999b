package dev.tandem.workers.ipreputation;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the ip-reputation enricher calls its provider, prefix {@code tandem.workers.ip-reputation}. How the enricher runs
 * (batches, attempts, its overall timeout) is under {@code tandem.workers.enrichers.ip-reputation}.
 *
 * @param baseUrl the provider, {@code GET <base-url>/v1/ip/<ip>}; the local run's simulator by default
 * @param connectTimeout how long making a connection may take
 * @param readTimeout how long one call may wait for its answer once sent (the JDK client's request timeout)
 * @param maxConcurrentCalls calls in flight at once across all batches of this instance: the provider's bulkhead
 * @param circuit when to stop calling a failing provider
 */
@Validated
@ConfigurationProperties("tandem.workers.ip-reputation")
record IpReputationProperties(@DefaultValue("http://localhost:18090") URI baseUrl,
        @DefaultValue("200ms") Duration connectTimeout, @DefaultValue("250ms") Duration readTimeout,
        @DefaultValue("64") @Min(1) int maxConcurrentCalls, @DefaultValue @Valid Circuit circuit) {

    static final String PREFIX = "tandem.workers.ip-reputation";

    IpReputationProperties {
        String scheme = baseUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + ".base-url must be an http or https URL, not " + baseUrl);
        }
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("read-timeout", readTimeout);
    }

    /**
     * The circuit breaker around the provider (Resilience4j, count-based window). It opens when, over the last
     * {@code windowSize} calls (once at least {@code minimumCalls} were made), at least {@code failureRateThreshold} %
     * failed (timeouts, connection errors, 5xx, 429, unreadable answers) or at least {@code slowCallRateThreshold} %
     * took longer than {@code slowCallDuration}. Open, it makes no call for {@code openFor}; the enricher fails its
     * batches as a dependency failure, so the partitions pause. Then it lets {@code halfOpenCalls} probes through:
     * closed again if they do well, open again if not.
     */
    record Circuit(@DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("200ms") Duration slowCallDuration,
            @DefaultValue("80") @Min(1) @Max(100) int slowCallRateThreshold,
            @DefaultValue("20") @Min(1) int windowSize, @DefaultValue("10") @Min(1) int minimumCalls,
            @DefaultValue("5s") Duration openFor, @DefaultValue("4") @Min(1) int halfOpenCalls) {

        Circuit {
            requirePositive("circuit.slow-call-duration", slowCallDuration);
            requirePositive("circuit.open-for", openFor);
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be positive, not " + value);
        }
    }
}
