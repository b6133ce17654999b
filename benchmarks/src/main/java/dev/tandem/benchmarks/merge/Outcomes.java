package dev.tandem.benchmarks.merge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.outcome.EnrichmentResult;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.RedisKeys;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;

/** Outcomes shaped like payment-risk's: six sync features, one required enricher, about 700 bytes of JSON. */
final class Outcomes {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Map<String, Double> FEATURES = Map.of("amount", 42.5, "account_age_days", 730.0,
            "avg_amount", 55.0, "chargebacks_90d", 0.0, "txn_count_30d", 12.0, "merchant_risk", 0.04);
    private static final Map<String, Double> VELOCITY = Map.of("txn_count_1h", 2.0, "txn_count_24h", 5.0,
            "amount_sum_24h", 180.0);

    private Outcomes() {
    }

    /** Version 1 of decision {@code id}, as decision-api creates it. */
    static Outcome provisional(String id) {
        return new Outcome(id, RedisKeys.DEFAULT_TENANT, "payment-risk", "e-" + (id.hashCode() & 1023), null,
                Priority.STANDARD, OutcomeStatus.PROVISIONAL, 1, Verdict.APPROVE, 0.031,
                new ModelInfo("payment-risk-fast", "1"), Verdict.APPROVE, List.of(), FEATURES, List.of("velocity"),
                Map.of(), false, T0, T0, T0, T0.plus(Duration.ofSeconds(5)));
    }

    /** {@code previous} with {@code enricher}'s result merged, at {@code version}. */
    static Outcome merged(Outcome previous, String enricher, long version) {
        var result = new EnrichmentResult(enricher, "1", EnrichmentStatus.OK, null, VELOCITY, T0);
        return new Outcome(previous.decisionId(), previous.tenant(), previous.flow(), previous.entityId(),
                previous.requestId(), previous.priority(), OutcomeStatus.ENRICHING, version,
                previous.verdict(), previous.score(), previous.model(), previous.provisionalVerdict(),
                previous.reasons(), previous.features(), previous.requiredEnrichers(), Map.of(enricher, result),
                previous.degraded(), previous.eventTime(), previous.createdAt(), T0, previous.deadline());
    }
}
