package dev.tandem.workers.ipreputation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * The reputation of a decision's IP address, from an external provider: {@code ip_risk} (score from 0 to 1, the full
 * model's input; see its card), and, when the provider says, {@code ip_proxy} and {@code ip_country_mismatch} (1 or
 * 0; no model reads them yet, they are kept with the result for people and for the next model).
 *
 * <p>A batch's lookups run at once, one virtual thread each, at most {@code max-concurrent-calls} in flight across all
 * batches (the provider's bulkhead). Per request: a 2xx is the features; a timeout, a connection failure, a 5xx, a 429
 * or an unreadable answer is a retryable failure (the runner tries again with jittered back-off, then publishes FAILED
 * with the reason); another 4xx is a permanent failure; a decision without a text {@code ip} attribute is a permanent
 * failure naming the attribute, and costs no call.
 *
 * <p>A circuit breaker watches the calls. While it is open no call is made, and a batch with a lookup it refused
 * completes exceptionally with a {@link DependencyException} (once its permitted calls are done), so the listener
 * pauses the partitions and offers the decisions again later, instead of failing every decision during an outage.
 * Half-open, a few lookups go through as probes. Lookups are safe to repeat: they change nothing.
 */
public final class IpReputationEnricher implements Enricher, AutoCloseable {

    /** The enricher's name in flows' {@code required-enrichers}; also the provider's name in metrics and failures. */
    public static final String NAME = "ip-reputation";

    /** The decision attribute holding the address to look up. */
    public static final String IP_ATTRIBUTE = "ip";

    /** The provider's risk score of the address, from 0 (clean) to 1 (known bad): the full model's {@code ip_risk}. */
    public static final String IP_RISK = "ip_risk";

    /** 1 when the address is a known proxy, VPN or hosting exit, else 0. */
    public static final String IP_PROXY = "ip_proxy";

    /** 1 when the address geolocates to another country than it claims, else 0. */
    public static final String IP_COUNTRY_MISMATCH = "ip_country_mismatch";

    /** A lookup's end: its answer, or refused by the circuit. */
    private record Lookup(@Nullable EnrichmentAnswer answer) {
        static final Lookup REFUSED = new Lookup(null);
    }

    private final ReputationClient client;
    private final CircuitBreaker circuit;
    private final ProviderMetrics metrics;
    private final Semaphore inFlight;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param client the provider's client; closed with this
     * @param circuit the provider's circuit breaker, told of every call made
     * @param maxConcurrentCalls calls in flight at once, over every batch
     */
    IpReputationEnricher(ReputationClient client, CircuitBreaker circuit, ProviderMetrics metrics,
            int maxConcurrentCalls) {
        this.client = client;
        this.circuit = circuit;
        this.metrics = metrics;
        this.inFlight = new Semaphore(maxConcurrentCalls);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
        var lookups = new ArrayList<CompletableFuture<Lookup>>(batch.size());
        for (EnrichmentRequest request : batch) {
            lookups.add(CompletableFuture.supplyAsync(() -> lookup(request), executor));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Lookup> ends = lookups.stream().map(CompletableFuture::join).toList();
            long refused = ends.stream().filter(end -> end.answer() == null).count();
            if (refused > 0) {
                throw new DependencyException(NAME, "looking up " + batch.size() + " addresses (" + refused
                        + " refused by the circuit breaker)", CallNotPermittedException
                        .createCallNotPermittedException(circuit));
            }
            return ends.stream().map(Lookup::answer).toList();
        });
    }

    private Lookup lookup(EnrichmentRequest request) {
        String ip = request.text(IP_ATTRIBUTE);
        if (ip == null || ip.isBlank()) {
            return new Lookup(EnrichmentAnswer.permanent("decision " + request.decisionId() + " has no "
                    + IP_ATTRIBUTE + " attribute (text) to look up"));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup(EnrichmentAnswer.retryable(NAME + " lookup interrupted"));
        }
        try {
            return call(ip.strip());
        } finally {
            inFlight.release();
        }
    }

    /** One call through the circuit breaker, which learns how it went. */
    private Lookup call(String ip) {
        if (!circuit.tryAcquirePermission()) {
            metrics.rejected();
            return Lookup.REFUSED;
        }
        long start = System.nanoTime();
        ReputationClient.Lookup lookup;
        try {
            lookup = client.lookup(ip);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            circuit.releasePermission();
            return new Lookup(EnrichmentAnswer.retryable(NAME + " lookup interrupted"));
        } catch (RuntimeException e) {
            // a bug rather than the provider: give the permission back (half-open counts them) and fail the batch
            circuit.releasePermission();
            throw e;
        }
        long nanos = System.nanoTime() - start;
        if (lookup.outcome().providerFault()) {
            circuit.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFault(lookup.outcome()));
        } else {
            circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        metrics.called(lookup.outcome(), nanos);
        return new Lookup(lookup.answer());
    }

    /** What the circuit breaker records for a call that counts against the provider. */
    private static final class ProviderFault extends RuntimeException {
        ProviderFault(CallOutcome outcome) {
            super(outcome.tag(), null, false, false);
        }
    }

    /** Stops the lookups still running and closes the HTTP client. */
    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
    }
}
