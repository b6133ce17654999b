package dev.tandem.schemas.serde;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;

/** Fully populated events for serde tests: every field set, including the optional ones. */
final class Events {

    static final Instant EVENT_TIME = Instant.ofEpochMilli(1_795_000_000_000L);

    private Events() {
    }

    static DecisionMade decisionMade() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("amount", 129.5);
        attributes.put("items", 3L);
        attributes.put("firstPurchase", true);
        attributes.put("country", "NL");
        attributes.put("coupon", null);
        return DecisionMade.newBuilder()
                .setDecisionId("d-1")
                .setTenant("acme")
                .setFlow("checkout")
                .setEntityId("user-7")
                .setRequestId("req-9")
                .setPriority(Priority.CRITICAL)
                .setAttributes(attributes)
                .setFeatures(Map.of("velocity_1h", 4.0, "account_age_days", 812.0))
                .setVerdict(Verdict.REVIEW)
                .setScore(0.42)
                .setModel(model())
                .setRequiredEnrichers(List.of("velocity", "deep-risk"))
                .setDegraded(true)
                .setReasons(List.of("l2-timeout"))
                .setEventTime(EVENT_TIME)
                .setDecidedAt(EVENT_TIME.plusMillis(7))
                .setDeadline(EVENT_TIME.plusSeconds(5))
                .build();
    }

    static EnrichmentCompleted enrichmentCompleted() {
        return EnrichmentCompleted.newBuilder()
                .setDecisionId("d-1")
                .setTenant("acme")
                .setFlow("checkout")
                .setEntityId("user-7")
                .setEnricher("ip-reputation")
                .setEnricherVersion("2.1")
                .setStatus(EnrichmentStatus.FAILED)
                .setReason("http 503")
                .setFeatures(Map.of())
                .setEventTime(EVENT_TIME)
                .setComputedAt(EVENT_TIME.plusMillis(840))
                .build();
    }

    static OutcomeUpdated outcomeUpdated() {
        return OutcomeUpdated.newBuilder()
                .setDecisionId("d-1")
                .setTenant("acme")
                .setFlow("checkout")
                .setEntityId("user-7")
                .setStatus(OutcomeStatus.FINAL)
                .setVersion(3)
                .setVerdict(Verdict.DECLINE)
                .setProvisionalVerdict(Verdict.REVIEW)
                .setScore(0.91)
                .setModel(model())
                .setCompletedEnrichers(List.of("velocity", "deep-risk"))
                .setPendingEnrichers(List.of())
                .setReasons(List.of("deep-risk escalated"))
                .setUpdatedAt(EVENT_TIME.plusSeconds(2))
                .build();
    }

    private static ModelRef model() {
        return ModelRef.newBuilder().setName("checkout-fast").setVersion("7").build();
    }
}
