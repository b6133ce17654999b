package dev.tandem.benchmarks.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.concurrent.atomic.LongAdder;

import dev.tandem.benchmarks.openloop.Schedule;
import dev.tandem.benchmarks.platform.DecisionRequests;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends decisions at a fixed rate by the clock, not by the answers ({@link Schedule}): decision {@code i} is meant to
 * go at {@code start + i / rate}, and every latency is measured from that intended time, so a stall anywhere (a slow
 * answer, a pause of this JVM) counts against the system instead of silently delaying the next sends
 * (no coordinated omission). Sends are asynchronous; nothing waits for an answer before the next send.
 */
final class OpenLoopSender {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI decisions;
    private final FinalWatcher watcher;
    private final DecisionRequests requests;
    private final Histogram accepted = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder acceptedCount = new LongAdder();
    private final LongAdder failed = new LongAdder();

    OpenLoopSender(String apiBaseUrl, FinalWatcher watcher, DecisionRequests requests) {
        this.decisions = URI.create(apiBaseUrl + "/v1/decisions");
        this.watcher = watcher;
        this.requests = requests;
    }

    /**
     * Sends {@code warmUp + measured} decisions at {@code ratePerSecond}; returns after the last send (not its
     * answer). Only the last {@code measured} are recorded.
     */
    void run(int ratePerSecond, long warmUp, long measured) {
        long total = warmUp + measured;
        send(ratePerSecond, 0, i -> i < total, warmUp);
    }

    /**
     * Goes on sending unmeasured decisions at {@code ratePerSecond}, numbered from {@code from}, while
     * {@code going} says so: load for a baseline measured under the same conditions, after the measured window.
     */
    void keepSending(int ratePerSecond, long from, BooleanSupplier going) {
        send(ratePerSecond, from, i -> going.getAsBoolean(), Long.MAX_VALUE);
    }

    private void send(int ratePerSecond, long from, LongPredicate more, long firstMeasured) {
        Schedule.startingIn(Duration.ofMillis(10), ratePerSecond).pace(k -> more.test(from + k),
                (k, due) -> send(from + k, due, from + k >= firstMeasured));
    }

    /**
     * Closed-loop warm-up, before anything is measured: one decision at a time, each waiting for its end state,
     * until {@code count} have ended or {@code limit} has passed. The services' topics, consumer groups, connections
     * and JIT are then in place.
     *
     * @return how many ended
     */
    long warmUpOneByOne(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long done = 0;
        for (long i = 0; done < count && System.nanoTime() < deadline; i++) {
            long before = watcher.ended();
            send(-1 - i, System.nanoTime(), false);
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (watcher.ended() == before && System.nanoTime() < wait) {
                Thread.sleep(1);
            }
            done += watcher.ended() - before;
        }
        return done;
    }

    private void send(long i, long intended, boolean measure) {
        HttpRequest request = HttpRequest.newBuilder(decisions).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requests.body(Math.abs(i)))).build();
        sent.increment();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            if (failure != null || response.statusCode() != 201) {
                failed.increment();
                return;
            }
            String decisionId = json.readTree(response.body()).path("decisionId").asString("");
            watcher.onAccepted(decisionId, intended, now, measure);
            if (measure) {
                acceptedCount.increment();
                accepted.recordValue(TimeUnit.NANOSECONDS.toMicros(now - intended));
            }
        });
    }

    /** Intended send → 201 from decision-api, of the measured decisions, in µs. */
    Histogram accepted() {
        return accepted;
    }

    long sent() {
        return sent.sum();
    }

    long acceptedCount() {
        return acceptedCount.sum();
    }

    long failed() {
        return failed.sum();
    }
}
