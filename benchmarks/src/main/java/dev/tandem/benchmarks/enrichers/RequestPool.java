package dev.tandem.benchmarks.enrichers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.tandem.schemas.event.Priority;
import dev.tandem.workers.enrichment.EnrichmentRequest;

/**
 * Payment decisions built once and handed out in consecutive slices, so that building requests costs the
 * measured loop nothing: attributes and sync features as decision-api publishes them, plausible values from a
 * seed, {@value #ENTITIES} entities whose events are spread over the last hour (velocity's windows then hold
 * several events each). The pool is cycled: a decision comes round again after {@value #SIZE} others, and
 * velocity's script then finds it already counted (the idempotent path, whose cost is the same range read).
 * Thread-safe.
 */
final class RequestPool {

    static final int SIZE = 32_768;
    static final int ENTITIES = 4_096;
    private static final int MAX_BATCH = 4_096;

    private final List<EnrichmentRequest> requests;
    private final AtomicLong cursor = new AtomicLong();

    private RequestPool(List<EnrichmentRequest> requests) {
        this.requests = requests;
    }

    static RequestPool payments(long seed, Instant now) {
        var random = new SplittableRandom(seed);
        var requests = new ArrayList<EnrichmentRequest>(SIZE + MAX_BATCH);
        Instant first = now.minusSeconds(3_600);
        for (int i = 0; i < SIZE + MAX_BATCH; i++) {
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
            Instant eventTime = first.plusMillis(3_600_000L * (i % SIZE) / SIZE);
            requests.add(new EnrichmentRequest("bench-" + i, "default", "payment-risk-deep", "e-" + (i % ENTITIES),
                    Priority.STANDARD, attributes, features, eventTime, eventTime.plusSeconds(5)));
        }
        return new RequestPool(List.copyOf(requests));
    }

    /** The next {@code size} requests (at most 4,096). */
    List<EnrichmentRequest> next(int size) {
        int start = (int) (cursor.getAndAdd(size) % SIZE);
        return requests.subList(start, start + size);
    }

    /** Every request once, in slices of {@code size}: fills velocity's windows and warms the code. */
    List<List<EnrichmentRequest>> slices(int size) {
        var slices = new ArrayList<List<EnrichmentRequest>>();
        for (int start = 0; start < SIZE; start += size) {
            slices.add(requests.subList(start, Math.min(SIZE, start + size)));
        }
        return slices;
    }
}
