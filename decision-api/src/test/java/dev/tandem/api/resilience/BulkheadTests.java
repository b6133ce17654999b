package dev.tandem.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BulkheadTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Bulkhead bulkhead = Bulkhead.create("redis-things", 2, meters);
    final AtomicInteger made = new AtomicInteger();

    @Test
    void beyondItsLimit_aCallFailsAtOnce_withoutBeingMade() {
        var first = new CompletableFuture<String>();
        var second = new CompletableFuture<String>();
        bulkhead.call(() -> made(first));
        bulkhead.call(() -> made(second));

        CompletableFuture<String> refused = bulkhead.call(() -> made(new CompletableFuture<String>()))
                .toCompletableFuture();

        assertThat(made).hasValue(2);
        assertThatThrownBy(refused::join).hasCauseInstanceOf(Bulkhead.Full.class)
                .hasMessageContaining("bulkhead redis-things full: 2 calls in flight");
        assertThat(meters.counter(MetricNames.BULKHEAD_REFUSED, MetricNames.TAG_BULKHEAD, "redis-things").count())
                .isEqualTo(1);
        assertThat(meters.get(MetricNames.BULKHEAD_IN_FLIGHT).gauge().value()).isEqualTo(2);
        assertThat(meters.get(MetricNames.BULKHEAD_LIMIT).gauge().value()).isEqualTo(2);
    }

    @Test
    void aCallFreesItsPermit_whenItEnds_wellOrBadly() {
        var ok = new CompletableFuture<String>();
        var bad = new CompletableFuture<String>();
        CompletableFuture<String> okCall = bulkhead.call(() -> made(ok)).toCompletableFuture();
        bulkhead.call(() -> made(bad));

        ok.complete("done");
        bad.completeExceptionally(new IllegalStateException("redis went away"));

        assertThat(okCall).isCompletedWithValue("done");
        assertThat(bulkhead.inFlight()).isZero();
        bulkhead.call(() -> made(new CompletableFuture<String>()));
        bulkhead.call(() -> made(new CompletableFuture<String>()));
        assertThat(made).hasValue(4);
    }

    @Test
    void aCallThatThrows_freesItsPermit_andFailsItsStage() {
        CompletableFuture<String> thrown = bulkhead.<String>call(() -> {
            throw new IllegalStateException("no connection");
        }).toCompletableFuture();

        assertThatThrownBy(thrown::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void aBulkheadLetsAtLeastOneCallThrough() {
        assertThatThrownBy(() -> Bulkhead.create("none", 0, meters)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none");
    }

    private <T> CompletableFuture<T> made(CompletableFuture<T> call) {
        made.incrementAndGet();
        return call;
    }
}
