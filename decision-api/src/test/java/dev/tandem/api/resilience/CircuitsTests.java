package dev.tandem.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.schemas.MetricNames;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CircuitsTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CircuitBreaker redis = Circuits.create("redis", meters);
    final AtomicInteger calls = new AtomicInteger();

    @Test
    void whenHalfOfTheLastCallsFailed_theBreakerOpens_andAGuardedCallFailsAtOnceWithoutCalling() {
        for (int i = 0; i < 10; i++) {
            assertThat(Circuits.guard(redis, this::failing).toCompletableFuture()).isCompletedExceptionally();
        }
        assertThat(redis.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(meters.get(MetricNames.CIRCUIT_STATE).tag(MetricNames.TAG_PROVIDER, "redis").gauge().value())
                .isEqualTo(2);

        CompletableFuture<String> refused = Circuits.guard(redis, this::failing).toCompletableFuture();

        assertThat(refused.exceptionNow()).isInstanceOf(CallNotPermittedException.class);
        assertThat(calls).hasValue(10);
    }

    @Test
    void aCallThatThrows_countsAsFailed_andIsAFailedStage() {
        CompletableFuture<String> thrown = Circuits.<String>guard(redis, () -> {
            throw new IllegalStateException("not connected");
        }).toCompletableFuture();

        assertThat(thrown.exceptionNow()).hasMessage("not connected");
        assertThat(redis.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void successfulCalls_keepItClosed() {
        for (int i = 0; i < 20; i++) {
            assertThat(Circuits.guard(redis, () -> CompletableFuture.completedFuture("ok")).toCompletableFuture())
                    .isCompletedWithValue("ok");
        }
        assertThat(redis.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private CompletableFuture<String> failing() {
        calls.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("redis is down"));
    }
}
