package dev.tandem.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpScraperTests {

    static final String METRICS = """
            # TYPE tandem_outcome_in_flight gauge
            tandem_outcome_in_flight{application="blender"} 3.0
            jvm_threads_live_threads{application="blender"} 40.0
            """;

    HttpServer server;
    volatile String accept;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            accept = exchange.getRequestHeaders().getFirst("Accept");
            byte[] body = METRICS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/stalls", exchange -> {
            // the headers and a first line, then nothing for far longer than the scraper waits
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("# TYPE x gauge\n".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // /slow must not hold up the others
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    HttpScraper scraper(long maxBytes) {
        return new HttpScraper(Duration.ofMillis(500), maxBytes, Set.of("tandem_outcome_in_flight"),
                () -> server.getAddress().getPort(), Clock.systemUTC());
    }

    @Test
    void scrape_keepsOnlyTheSeriesThePanelsUse_askingForTheTextFormat() {
        Scrape scrape = scraper(1 << 20).scrape("blender",
                URI.create("http://localhost:" + server.getAddress().getPort() + "/actuator/prometheus"));

        assertThat(scrape.isUp()).isTrue();
        assertThat(scrape.samples()).extracting(Sample::name).containsExactly("tandem_outcome_in_flight");
        assertThat(accept).isEqualTo("text/plain;version=0.0.4");
    }

    @Test
    void scrape_aPath_isThisInstancesOwnPort() {
        assertThat(scraper(1 << 20).scrape("decision-api", URI.create("/actuator/prometheus")).isUp()).isTrue();
        assertThat(scraper(1).resolve(URI.create("/actuator/prometheus")))
                .isEqualTo(URI.create("http://localhost:" + server.getAddress().getPort() + "/actuator/prometheus"));
    }

    @Test
    void scrape_failures_areDownScrapesThatSayWhy() {
        int port = server.getAddress().getPort();
        HttpScraper scraper = scraper(1 << 20);

        assertThat(scraper.scrape("a", URI.create("http://localhost:" + port + "/broken")).error())
                .isEqualTo("HTTP 500");
        assertThat(scraper.scrape("a", URI.create("http://localhost:" + port + "/slow")).error())
                .isEqualTo("no answer within 500 ms");
        assertThat(scraper(10).scrape("a", URI.create("http://localhost:" + port + "/actuator/prometheus")).error())
                .isEqualTo("more than 10 bytes of metrics");
        server.stop(0);
        Scrape refused = scraper.scrape("a", URI.create("http://localhost:" + port + "/actuator/prometheus"));
        assertThat(refused.isUp()).isFalse();
        assertThat(refused.error()).startsWith("ConnectException");
    }

    @Test
    void scrape_afterClose_isDownNotAnException() {
        HttpScraper scraper = scraper(1 << 20);
        scraper.close();

        assertThat(scraper.scrape("a", URI.create("/actuator/prometheus")).isUp()).isFalse();
    }

    @Test
    void scrape_aBodyThatStallsAfterItsHeaders_isDownAtTheTimeout_notWaitedForWithoutEnd() {
        Scrape scrape = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> scraper(1 << 20).scrape("blender",
                        URI.create("http://localhost:" + server.getAddress().getPort() + "/stalls")));

        assertThat(scrape.isUp()).isFalse();
        assertThat(scrape.error()).contains("no whole answer within 500 ms");
    }
}
