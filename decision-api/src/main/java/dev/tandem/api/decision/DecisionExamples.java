package dev.tandem.api.decision;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.schemas.event.EnrichmentStatus;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;
import tools.jackson.databind.json.JsonMapper;

/**
 * Examples for the decision endpoints' OpenAPI description: one request (the README's) and the document it gets, as
 * answered (PROVISIONAL) and when settled (FINAL), each as the API's own {@link JsonMapper} writes it.
 */
record DecisionExamples(Map<?, ?> request, Map<?, ?> provisional, Map<?, ?> settled) {

    static final String FLOW = "payment-risk";
    static final String REQUEST_ID = "order-1001";
    /** The id {@link #REQUEST_ID} gets in the default tenant. */
    static final String DECISION_ID = DecisionService.decisionId("default", FLOW, REQUEST_ID);
    static final String DECISION_PATH = "/v1/decisions/" + DECISION_ID;

    private static final Instant CREATED = Instant.parse("2026-11-28T10:15:30.120Z");
    private static final List<String> ENRICHERS = List.of("velocity", "ip-reputation");
    private static final List<String> REASONS = List.of("entity unknown to the online store; defaults used");

    static DecisionExamples of(JsonMapper json) {
        Map<?, ?> request = json.readValue("""
                {"flow": "%s", "entityId": "cust-42", "requestId": "%s",
                 "attributes": {"amount": 120.50, "currency": "EUR", "merchantId": "m-17", "ip": "203.0.113.7"}}\
                """.formatted(FLOW, REQUEST_ID), Map.class);
        var provisional = new DecisionDocument(DECISION_ID, FLOW, "cust-42", OutcomeStatus.PROVISIONAL, 1,
                Verdict.APPROVE, Verdict.APPROVE, 0.13, REASONS, new ModelInfo("payment-risk-fast", "1"),
                new DecisionDocument.Enrichment(ENRICHERS, List.of(), ENRICHERS, CREATED.plusSeconds(5), Map.of()),
                false,
                CREATED, CREATED);
        var settled = new DecisionDocument(DECISION_ID, FLOW, "cust-42", OutcomeStatus.FINAL, 3, Verdict.APPROVE,
                Verdict.APPROVE, 0.09, REASONS, new ModelInfo("payment-risk-full", "1"),
                new DecisionDocument.Enrichment(ENRICHERS, ENRICHERS, List.of(), CREATED.plusSeconds(5), results()),
                false,
                CREATED, CREATED.plusMillis(412));
        return new DecisionExamples(request, json.convertValue(provisional, Map.class),
                json.convertValue(settled, Map.class));
    }

    /** What the two enrichers of the example contributed. */
    private static Map<String, DecisionDocument.Result> results() {
        var results = new LinkedHashMap<String, DecisionDocument.Result>();
        results.put("velocity", new DecisionDocument.Result(EnrichmentStatus.OK, null, new TreeMap<>(Map.of(
                "velocity_count_1m", 1.0, "velocity_count_1h", 3.0, "velocity_count_24h", 7.0,
                "velocity_sum_1h", 310.25, "velocity_merchants_24h", 4.0)), "1", CREATED.plusMillis(38)));
        results.put("ip-reputation", new DecisionDocument.Result(EnrichmentStatus.OK, null, new TreeMap<>(Map.of(
                "ip_risk", 0.0294, "ip_proxy", 0.0, "ip_country_mismatch", 0.0)), "1", CREATED.plusMillis(398)));
        return results;
    }
}
