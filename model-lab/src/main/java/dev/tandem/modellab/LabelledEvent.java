package dev.tandem.modellab;

import java.util.Map;

/**
 * One payment with everything serving would know about it and the truth about it.
 *
 * @param entityId the account
 * @param timeMillis event time, epoch milliseconds
 * @param raw the raw features by name ({@link RawFeatures}): sync and enrichment
 * @param pattern what made it
 */
record LabelledEvent(String entityId, long timeMillis, Map<String, Double> raw, Pattern pattern) {

    LabelledEvent {
        raw = Map.copyOf(raw);
    }

    boolean fraud() {
        return pattern.fraud();
    }
}
