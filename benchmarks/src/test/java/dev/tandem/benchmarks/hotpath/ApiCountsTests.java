package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ApiCountsTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ApiCounts counts = new ApiCounts(meters);

    private Timer requests(String status, String uri) {
        return Timer.builder(ApiCounts.HTTP_SERVER_REQUESTS).tag("uri", uri).tag("method", "POST")
                .tag("status", status).register(meters);
    }

    @Test
    void refusals_areTheDecisionsAnswered503Or429_withTheServersOwnMeanTime() {
        requests("503", "/v1/decisions").record(Duration.ofMillis(1));
        ApiCounts.Snapshot before = counts.snapshot();

        requests("503", "/v1/decisions").record(Duration.ofNanos(300_000));
        requests("429", "/v1/decisions").record(Duration.ofNanos(100_000));
        requests("201", "/v1/decisions").record(Duration.ofMillis(50));
        requests("503", "/floor/noop").record(Duration.ofMillis(50));
        ApiCounts.Snapshot after = counts.snapshot();

        assertThat(after.refusedSince(before)).isEqualTo(2);
        assertThat(after.refusalMicrosSince(before)).hasValueCloseTo(200.0,
                org.assertj.core.data.Offset.offset(0.5));
        assertThat(before.refusalMicrosSince(before)).isEmpty();
    }
}
