package dev.tandem.benchmarks.enrichers;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import dev.tandem.schemas.event.Priority;
import dev.tandem.workers.enrichment.EnrichmentRequest;

/**
 * Payment decisions built once and handed out in consecutive slices: attributes and sync features as decision-api
 * publishes them, plausible values from a seed, {@value #ENTITIES} entities. Thread-safe. Two kinds:
 * <ul>
 * <li>{@link #payments plain} (deep-risk): events spread over the last hour, cycled as they are, so that building
 * requests costs the measured loop nothing; a decision comes round again after {@value #SIZE} others.</li>
 * <li>{@link #renewing} (velocity): the pool models days, so that each measured request is a new event whose
 * aggregates velocity writes back into the online features, as in production (a decision that came round again
 * would be found already counted and not written back). Cycle {@code c} (how often the cursor has wrapped over
 * {@value #SIZE}; 0 is the {@link #slices priming pass}) hands out entry {@code i} as decision
 * {@code bench-i-c} at {@code base + c days + i days / SIZE}: each entity gets 8 events a day, 3 h apart, so a 24 h
 * window holds about 8 of them and the 1 h and 1 min windows about 1. The renewed request is built in the
 * measured loop ({@link #renewalCost() its cost}), and {@link #clock()} is the latest event time handed out, so
 * that velocity trims its events older than the retention as it would in production.</li>
 * </ul>
 */
final class RequestPool {

    static final int SIZE = 32_768;
    static final int ENTITIES = 4_096;
    static final long DAY_MILLIS = 86_400_000L;
    private static final int MAX_BATCH = 4_096;
    private static final long DEADLINE_SECONDS = 5;
    private static final int COST_REQUESTS = 200_000;
    private static final Duration COST_WARM_UP = Duration.ofSeconds(1);

    /** What building one renewed request costs, on one thread, after a warm-up. */
    record RenewalCost(double bytes, double nanos) {

        /** The sentence of the console and of the report's setup notes. */
        String describe(String enricher) {
            return String.format(Locale.ROOT, "a renewed request costs %,.0f B and %,.0f ns to build (included in "
                    + "%s's rows)", bytes, nanos, enricher);
        }
    }

    private final List<EnrichmentRequest> requests;
    private final boolean renewing;
    private final AtomicLong cursor = new AtomicLong();
    /** The latest event time handed out (epoch ms), what a renewing pool's clock says now is. */
    private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

    private RequestPool(List<EnrichmentRequest> requests, boolean renewing) {
        this.requests = requests;
        this.renewing = renewing;
    }

    /** The plain pool: events spread over the hour before {@code now}, handed out again as they are. */
    static RequestPool payments(long seed, Instant now) {
        Instant first = now.minusSeconds(3_600);
        return new RequestPool(build(seed, SIZE + MAX_BATCH, i -> "bench-" + i,
                i -> first.plusMillis(3_600_000L * (i % SIZE) / SIZE)), false);
    }

    /** The renewing pool: its days start at {@code now - 24 h} (to the ms), so cycle 0 ends at {@code now}. */
    static RequestPool renewing(long seed, Instant now) {
        Instant base = now.truncatedTo(ChronoUnit.MILLIS).minusMillis(DAY_MILLIS);
        return new RequestPool(build(seed, SIZE, i -> "bench-" + i + "-0", i -> base.plusMillis(DAY_MILLIS * i / SIZE)),
                true);
    }

    private static List<EnrichmentRequest> build(long seed, int count, IntFunction<String> id,
            IntFunction<Instant> eventTime) {
        var random = new SplittableRandom(seed);
        var requests = new ArrayList<EnrichmentRequest>(count);
        for (int i = 0; i < count; i++) {
            double usual = 10 + random.nextDouble(190);
            double amount = Math.round(usual * (0.3 + random.nextDouble(3.7)) * 100) / 100.0;
            var features = new HashMap<String, Double>();
            features.put("amount", amount);
            features.put("account_age_days", (double) random.nextInt(1, 2_000));
            features.put("avg_amount", Math.round(usual * 100) / 100.0);
            features.put("chargebacks_90d", random.nextInt(20) == 0 ? 1.0 : 0.0);
            features.put("txn_count_30d", (double) random.nextInt(60));
            features.put("merchant_risk", random.nextDouble(0.6));
            Map<String, Object> attributes = Map.of("amount", amount, "currency", "EUR", "merchantId",
                    "m-" + random.nextInt(300));
            Instant time = eventTime.apply(i);
            requests.add(new EnrichmentRequest(id.apply(i), "default", "payment-risk-deep", "e-" + (i % ENTITIES),
                    Priority.STANDARD, attributes, features, time, time.plusSeconds(DEADLINE_SECONDS)));
        }
        return List.copyOf(requests);
    }

    /** The next {@code size} requests (at most 4,096); a fresh list when the pool renews, a view otherwise. */
    List<EnrichmentRequest> next(int size) {
        long start = cursor.getAndAdd(size);
        if (!renewing) {
            int at = (int) (start % SIZE);
            return requests.subList(at, at + size);
        }
        var batch = new ArrayList<EnrichmentRequest>(size);
        long newest = Long.MIN_VALUE;
        for (long at = start; at < start + size; at++) {
            EnrichmentRequest request = renewed((int) (at % SIZE), at / SIZE);
            newest = Math.max(newest, request.eventTime().toEpochMilli());
            batch.add(request);
        }
        latest.accumulateAndGet(newest, Math::max);
        return batch;
    }

    /**
     * Every request once, in slices of {@code size}: fills velocity's windows and warms the code. For a renewing
     * pool this is cycle 0, and {@link #next} goes on with cycle 1 at the earliest.
     */
    List<List<EnrichmentRequest>> slices(int size) {
        if (renewing) {
            cursor.accumulateAndGet(SIZE, Math::max);
            latest.accumulateAndGet(requests.get(SIZE - 1).eventTime().toEpochMilli(), Math::max);
        }
        var slices = new ArrayList<List<EnrichmentRequest>>();
        for (int start = 0; start < SIZE; start += size) {
            slices.add(requests.subList(start, Math.min(SIZE, start + size)));
        }
        return slices;
    }

    /**
     * What now is for the requests handed out: for a renewing pool, the latest event time handed out (the start of
     * cycle 0 before any), as for a worker keeping up with its events, so that it trims what production would; the
     * system clock for a plain pool, whose events are in the hour before its creation.
     */
    Clock clock() {
        return renewing ? new Days(ZoneOffset.UTC) : Clock.systemUTC();
    }

    /** Whether the pool renews its decisions each cycle (velocity's workload). */
    boolean renews() {
        return renewing;
    }

    /** Entry {@code i} as cycle {@code cycle} hands it out: a new decision, {@code cycle} days later. */
    private EnrichmentRequest renewed(int i, long cycle) {
        EnrichmentRequest entry = requests.get(i);
        if (cycle == 0) {
            return entry;
        }
        Instant eventTime = entry.eventTime().plusMillis(cycle * DAY_MILLIS);
        return new EnrichmentRequest("bench-" + i + "-" + cycle, entry.tenant(), entry.flow(), entry.entityId(),
                entry.priority(), entry.attributes(), entry.features(), eventTime,
                eventTime.plusSeconds(DEADLINE_SECONDS));
    }

    /**
     * Times building renewed requests on this thread, and the bytes it allocates ({@code
     * getCurrentThreadAllocatedBytes}): what renewing adds to each velocity record of the measured loop, besides the
     * enricher's own cost. Rounds of {@value #COST_REQUESTS} requests, first unmeasured for at least a second (the
     * JIT) and as many bytes as the heap holds (the first touch of a page costs a fault, a few times the request
     * itself), as the measured loop runs after priming and warm-ups; then measured over as many bytes again, so that
     * the young collections they cause are shared out as in the measured loop.
     */
    static RenewalCost renewalCost() {
        RequestPool pool = renewing(0, Instant.now());
        var kept = new EnrichmentRequest[MAX_BATCH]; // they outlive their building, as in a batch
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long heap = Runtime.getRuntime().maxMemory();
        long warmedUp = threads.getCurrentThreadAllocatedBytes() + heap;
        long end = System.nanoTime() + COST_WARM_UP.toNanos();
        long round = 1;
        while (System.nanoTime() < end || threads.getCurrentThreadAllocatedBytes() < warmedUp) {
            pool.renew(kept, round++ * COST_REQUESTS);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long requests = 0;
        while (requests == 0 || threads.getCurrentThreadAllocatedBytes() - allocated < heap) {
            pool.renew(kept, round++ * COST_REQUESTS);
            requests += COST_REQUESTS;
        }
        long nanos = System.nanoTime() - start;
        long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
        return new RenewalCost(bytes / (double) requests, nanos / (double) requests);
    }

    /** Builds the {@value #COST_REQUESTS} renewed requests from cursor position {@code from} into {@code kept}. */
    private void renew(EnrichmentRequest[] kept, long from) {
        for (int n = 0; n < COST_REQUESTS; n++) {
            long at = from + n;
            kept[n % kept.length] = renewed((int) (at % SIZE), at / SIZE);
        }
    }

    /** The renewing pool's clock: the latest event time handed out. */
    private final class Days extends Clock {

        private final ZoneId zone;

        Days(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Days(other);
        }

        @Override
        public long millis() {
            return Math.max(latest.get(), requests.getFirst().eventTime().toEpochMilli());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
