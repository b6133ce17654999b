package dev.tandem.core.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tandem.core.model.ModelChoice;
import org.jspecify.annotations.Nullable;

/**
 * A decision flow as configuration (prefix {@code tandem.flows.<name>}).
 *
 * @param attributes the attributes a request may carry, by name
 * @param syncFeatures the raw features known when a request arrives (numeric attributes and online
 *        store features): all the fast model may read
 * @param featureLookups more online-store entities read with the request's entity, in the same round
 *        trip: kind by attribute, such as {@code merchant: merchantId} for the hash of entity
 *        {@code merchant:<merchantId>}
 * @param requiredEnrichers enrichers whose results the outcome waits for before it is FINAL
 * @param deadline how long after the decision enrichment may take before the outcome times out
 * @param thresholds score cut-offs for the verdict
 * @param fastModel the model of the synchronous answer, on sync features only
 * @param fullModel the model of the final answer, on sync and enrichment features
 * @param amendAfterTimeout whether a result that arrives after the outcome timed out may still
 *        amend it (escalating only); when not, it is counted as late and changes nothing
 * @param modelsTrainedFor the flow the models' cards name, when the models were trained for another flow of the
 *        same decisions (a variant with other enrichers); {@code null} for this flow's own name
 * @param featureStaleness how old each feature group the flow reads may be (its event time to the decision) before
 *        a decision says it used stale features, by group; also how long decision-api may serve the group from its
 *        in-process cache; groups named here and found in no entity read are reported missing
 * @param requestTimeout how long the synchronous answer may take at most, from the request's arrival: the features
 *        get what remains of it (less a share kept for storing the outcome), and a request may ask for less with an
 *        {@code X-Request-Timeout} header, never for more; {@value #DEFAULT_REQUEST_TIMEOUT_MILLIS} ms when not set
 */
public record FlowDefinition(Map<String, AttributeSpec> attributes, List<String> syncFeatures,
        Map<String, String> featureLookups, List<String> requiredEnrichers, Duration deadline, Thresholds thresholds,
        ModelChoice fastModel, ModelChoice fullModel, boolean amendAfterTimeout, @Nullable String modelsTrainedFor,
        Map<String, Duration> featureStaleness, @Nullable Duration requestTimeout) {

    /** {@link #requestTimeout()} of a flow that does not set one. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 250;

    public FlowDefinition {
        if (attributes == null || attributes.isEmpty()) {
            throw new IllegalArgumentException("a flow needs at least one attribute");
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a flow's deadline must be positive");
        }
        if (thresholds == null || fastModel == null || fullModel == null) {
            throw new IllegalArgumentException("a flow needs thresholds, fast-model and full-model");
        }
        attributes = Map.copyOf(attributes);
        syncFeatures = syncFeatures == null ? List.of() : List.copyOf(syncFeatures);
        featureLookups = featureLookups == null ? Map.of() : Map.copyOf(featureLookups);
        for (Map.Entry<String, String> lookup : featureLookups.entrySet()) {
            if (!attributes.containsKey(lookup.getValue())) {
                throw new IllegalArgumentException("feature-lookups." + lookup.getKey() + " names '" + lookup.getValue()
                        + "', which is not an attribute of the flow");
            }
        }
        requiredEnrichers = requiredEnrichers == null ? List.of() : List.copyOf(requiredEnrichers);
        if (modelsTrainedFor != null && modelsTrainedFor.isBlank()) {
            modelsTrainedFor = null;
        }
        featureStaleness = featureStaleness == null ? Map.of() : Map.copyOf(featureStaleness);
        if (requestTimeout == null) {
            requestTimeout = Duration.ofMillis(DEFAULT_REQUEST_TIMEOUT_MILLIS);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("a flow's request-timeout must be positive, was " + requestTimeout);
        }
        featureStaleness.forEach((group, budget) -> {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("feature-staleness." + group + " must be positive, was " + budget);
            }
        });
    }

    /**
     * How long a cached copy of the features this flow reads may be served: its tightest staleness budget, or
     * {@code otherwise} when it names none.
     */
    public Duration cacheAge(Duration otherwise) {
        return featureStaleness.values().stream().min(Duration::compareTo).orElse(otherwise);
    }

    /** The flow the models must have been trained for: {@link #modelsTrainedFor()}, else {@code flow} itself. */
    public String modelFlow(String flow) {
        return modelsTrainedFor != null ? modelsTrainedFor : flow;
    }

    /**
     * Checks a request's attributes and returns their canonical values, in the order of the
     * request, or the violations, one per offending field.
     */
    public Validated validate(Map<String, ?> raw) {
        var values = new LinkedHashMap<String, Object>();
        var violations = new ArrayList<AttributeViolation>();
        raw.forEach((name, value) -> {
            AttributeSpec spec = attributes.get(name);
            if (spec == null) {
                violations.add(new AttributeViolation("attributes." + name,
                        "is not an attribute of this flow; known: " + attributes.keySet().stream().sorted().toList()));
            }
            else if (value == null) {
                violations.add(new AttributeViolation("attributes." + name, "must not be null"));
            }
            else {
                try {
                    values.put(name, spec.type().canonical(value));
                }
                catch (IllegalArgumentException ex) {
                    violations.add(new AttributeViolation("attributes." + name, ex.getMessage()));
                }
            }
        });
        attributes.entrySet().stream()
                .filter(e -> e.getValue().required() && !raw.containsKey(e.getKey()))
                .map(Map.Entry::getKey).sorted()
                .forEach(name -> violations.add(new AttributeViolation("attributes." + name, "is required")));
        return new Validated(values, violations);
    }

    /**
     * The online-store entities to read for a request: its entity first, then one per feature lookup
     * whose attribute the request carries ({@code kind:value}), in a stable order.
     */
    public List<String> entitiesToRead(String entityId, Map<String, Object> attributes) {
        var ids = new ArrayList<String>();
        ids.add(entityId);
        new TreeMap<>(featureLookups).forEach((kind, attribute) -> {
            Object value = attributes.get(attribute);
            if (value != null) {
                ids.add(kind + ":" + value);
            }
        });
        return ids;
    }

    /** Canonical attribute values, or what was wrong with them. */
    public record Validated(Map<String, Object> values, List<AttributeViolation> violations) {

        public boolean isValid() {
            return violations.isEmpty();
        }

        /** The numeric attributes, which are raw features for the models. */
        public Map<String, Double> numericValues() {
            var numbers = new LinkedHashMap<String, Double>();
            values.forEach((name, value) -> {
                if (value instanceof Double number) {
                    numbers.put(name, number);
                }
            });
            return numbers;
        }
    }
}
