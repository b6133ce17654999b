package dev.tandem.api.resilience;

/** decision-api's bulkheads, one per dependency and use ({@link BulkheadProperties}). */
public record Bulkheads(Bulkhead onlineFeatures, Bulkhead outcomeWrites, Bulkhead outcomeReads,
        Bulkhead decisionLog) {
}
