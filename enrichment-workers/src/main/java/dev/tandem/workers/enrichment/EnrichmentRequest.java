package dev.tandem.workers.enrichment;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.Priority;
import org.jspecify.annotations.Nullable;

/**
 * What an enricher gets to know of one decision: who, what, when, and the features the synchronous path used.
 *
 * @param decisionId the decision's id; key any side effect by it (deliveries may repeat)
 * @param attributes the request's attributes (strings, numbers, booleans), as decision-api accepted them
 * @param features the online features the fast model scored, by name
 * @param eventTime when the event being decided happened, by the caller's clock; windows end here
 * @param deadline when the blender stops waiting for results
 */
public record EnrichmentRequest(String decisionId, String tenant, String flow, String entityId, Priority priority,
        Map<String, @Nullable Object> attributes, Map<String, Double> features, Instant eventTime, Instant deadline) {

    public EnrichmentRequest {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        features = Map.copyOf(features);
    }

    static EnrichmentRequest of(DecisionMade decision) {
        var attributes = new LinkedHashMap<String, @Nullable Object>();
        decision.getAttributes().forEach((name, value) -> attributes.put(name, value instanceof CharSequence text
                ? text.toString() : value));
        return new EnrichmentRequest(decision.getDecisionId(), decision.getTenant(), decision.getFlow(),
                decision.getEntityId(), decision.getPriority(), attributes, decision.getFeatures(),
                decision.getEventTime(), decision.getDeadline());
    }

    /** The attribute {@code name} as a number, or empty when it is missing or not numeric. */
    public OptionalDouble number(String name) {
        return attributes.get(name) instanceof Number n ? OptionalDouble.of(n.doubleValue())
                : OptionalDouble.empty();
    }

    /** The attribute {@code name} as text, or {@code null} when it is missing or not a string. */
    public @Nullable String text(String name) {
        return attributes.get(name) instanceof String s ? s : null;
    }
}
