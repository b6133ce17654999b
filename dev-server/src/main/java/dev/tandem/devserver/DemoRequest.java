package dev.tandem.devserver;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One payment the demo asks a decision for, in {@code flow}. */
record DemoRequest(String flow, DemoEntity entity, BigDecimal amount, String currency, String merchantId, String ip,
        String deviceId) {

    /** The flow of most payments: velocity and ip-reputation enrich them. */
    static final String FLOW = "payment-risk";

    /** The flow that also scores the heavy model (deep-risk): every third ordinary payment, so all three show. */
    static final String DEEP_FLOW = "payment-risk-deep";

    private static final int ORDINARY_BETWEEN_BURSTS = 5;
    private static final int BURST_LENGTH = 3;

    /**
     * A repeatable stream of {@code count} payments: five ordinary ones around each entity's average amount (the
     * ordinary entities in turn), then a burst of three growing payments from one risky entity (a velocity spike
     * the enrichers should see), and so on. Every third ordinary payment goes to {@link #DEEP_FLOW}.
     */
    static List<DemoRequest> plan(List<DemoEntity> entities, int count) {
        var random = new Random(17);
        List<DemoEntity> risky = entities.stream().filter(DemoEntity::risky).toList();
        List<DemoEntity> ordinaryEntities = entities.stream().filter(e -> !e.risky()).toList();
        var requests = new ArrayList<DemoRequest>(count);
        int ordinary = 0;
        int bursts = 0;
        int cycle = ORDINARY_BETWEEN_BURSTS + BURST_LENGTH;
        while (requests.size() < count) {
            if (requests.size() % cycle == ORDINARY_BETWEEN_BURSTS && !risky.isEmpty()) {
                DemoEntity entity = risky.get(bursts++ % risky.size());
                for (int i = 1; i <= BURST_LENGTH && requests.size() < count; i++) {
                    BigDecimal amount = entity.avgAmount().multiply(BigDecimal.valueOf(0.8 + 0.6 * i));
                    requests.add(of(FLOW, entity, amount, random));
                }
            } else {
                List<DemoEntity> pool = ordinaryEntities.isEmpty() ? entities : ordinaryEntities;
                DemoEntity entity = pool.get(ordinary++ % pool.size());
                BigDecimal amount = entity.avgAmount().multiply(BigDecimal.valueOf(0.5 + random.nextDouble()));
                requests.add(of(ordinary % 3 == 0 ? DEEP_FLOW : FLOW, entity, amount, random));
            }
        }
        return requests;
    }

    private static DemoRequest of(String flow, DemoEntity entity, BigDecimal amount, Random random) {
        int n = Math.abs(entity.entityId().hashCode());
        String ip = entity.risky()
                ? "203.0.113." + (1 + random.nextInt(254))
                : "198.51.100." + (1 + n % 254);
        return new DemoRequest(flow, entity, amount.setScale(2, RoundingMode.HALF_UP), "EUR",
                "m-" + (1 + random.nextInt(FeatureLoader.MERCHANTS)), ip, "dev-" + Integer.toHexString(n % 0xFFFF));
    }
}
