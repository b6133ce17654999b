package dev.tandem.api.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Reads {@code /actuator/prometheus} over HTTP (text format 0.0.4) and keeps the series the panels use. A URL
 * without a host is this instance's own port. Thread-safe.
 */
final class HttpScraper implements Scraper {

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;
    private final Set<String> keep;
    private final IntSupplier ownPort;
    private final Clock clock;

    HttpScraper(Duration timeout, long maxBytes, Set<String> keep, IntSupplier ownPort, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.keep = Set.copyOf(keep);
        this.ownPort = ownPort;
        this.clock = clock;
    }

    @Override
    public Scrape scrape(String source, URI url) {
        Instant at = clock.instant();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            HttpRequest request = HttpRequest.newBuilder(resolve(url)).timeout(timeout)
                    .header("Accept", "text/plain;version=0.0.4").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                // the request's timeout ends with the headers: a body that stalls is closed under its reader
                CompletableFuture.delayedExecutor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        .execute(() -> closeQuietly(body));
                if (response.statusCode() != 200) {
                    return Scrape.down(source, at, "HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    return Scrape.down(source, at, "more than " + maxBytes + " bytes of metrics");
                }
                return Scrape.up(source, at, PrometheusText.parse(new String(bytes, StandardCharsets.UTF_8),
                        keep::contains));
            }
        } catch (HttpTimeoutException e) {
            return Scrape.down(source, at, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Scrape.down(source, at, System.nanoTime() - deadline >= 0
                    ? "no whole answer within " + timeout.toMillis() + " ms"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return Scrape.down(source, at, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Scrape.down(source, at, "interrupted");
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    /** Stops the client's connections and selector thread at once (reads in flight end as down). */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** {@code /actuator/prometheus} is {@code http://localhost:<own port>/actuator/prometheus}. */
    URI resolve(URI url) {
        return url.getHost() != null ? url : URI.create("http://localhost:" + ownPort.getAsInt()).resolve(url);
    }
}
