package dev.tandem.api.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A bound on the calls to one dependency in flight at once. A call beyond it fails at once with {@link Full}, without
 * being made, instead of queueing behind the ones a slow dependency holds: the caller degrades as it would for a
 * timeout, and what the slow dependency can take from the service (memory, connections' queues, virtual threads, the
 * admission limit's slots) is bounded. A call holds its permit until its stage completes, also after its caller
 * stopped waiting (it is still in flight). Metrics: {@code tandem.bulkhead.in.flight}, {@code tandem.bulkhead.limit}
 * and {@code tandem.bulkhead.refused}, tagged with the bulkhead's name.
 */
public final class Bulkhead {

    private final String name;
    private final int limit;
    private final Semaphore permits;
    private final Counter refused;

    private Bulkhead(String name, int limit, MeterRegistry meters) {
        if (limit < 1) {
            throw new IllegalArgumentException("bulkhead " + name + " must allow at least one call, was " + limit);
        }
        this.name = name;
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.refused = Counter.builder(MetricNames.BULKHEAD_REFUSED).tag(MetricNames.TAG_BULKHEAD, name)
                .description("calls refused at once because the bulkhead was full").register(meters);
        Gauge.builder(MetricNames.BULKHEAD_IN_FLIGHT, this, Bulkhead::inFlight).tag(MetricNames.TAG_BULKHEAD, name)
                .description("calls in flight through the bulkhead").register(meters);
        Gauge.builder(MetricNames.BULKHEAD_LIMIT, this, bulkhead -> bulkhead.limit)
                .tag(MetricNames.TAG_BULKHEAD, name).description("calls the bulkhead lets be in flight at once")
                .register(meters);
    }

    /** A bulkhead named {@code name} letting {@code limit} calls be in flight, with its metrics. */
    public static Bulkhead create(String name, int limit, MeterRegistry meters) {
        return new Bulkhead(name, limit, meters);
    }

    /**
     * Makes {@code call} if a permit is free, and frees it when the call's stage completes; otherwise a stage failed
     * with {@link Full} at once. A call that throws, or returns no stage, frees its permit and fails the stage (an
     * {@link Error} is thrown on).
     */
    public <T> CompletionStage<T> call(Supplier<CompletionStage<T>> call) {
        if (!permits.tryAcquire()) {
            refused.increment();
            return CompletableFuture.failedFuture(new Full(name, limit));
        }
        CompletionStage<T> stage;
        try {
            stage = call.get();
        }
        catch (RuntimeException ex) {
            permits.release();
            return CompletableFuture.failedFuture(ex);
        }
        catch (Error ex) {
            permits.release();
            throw ex;
        }
        if (stage == null) {
            permits.release();
            return CompletableFuture.failedFuture(new NullPointerException("a call through bulkhead " + name
                    + " returned no stage"));
        }
        return stage.whenComplete((value, failure) -> permits.release());
    }

    public String name() {
        return name;
    }

    /** Calls in flight now. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }

    /** A call refused because its bulkhead was full. */
    public static final class Full extends RuntimeException {

        Full(String name, int limit) {
            super("bulkhead " + name + " full: " + limit + " calls in flight", null, false, false);
        }
    }
}
