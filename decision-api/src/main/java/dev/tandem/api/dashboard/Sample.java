package dev.tandem.api.dashboard;

import java.util.Map;

/**
 * One line of the Prometheus text format: a series' full name ({@code tandem_enrichment_lag_seconds_bucket}), its
 * labels and its value ({@code NaN} and infinities included).
 */
record Sample(String name, Map<String, String> labels, double value) {

    Sample {
        labels = Map.copyOf(labels);
    }

    /** A label's value, or {@code ""} when the series has no such label (as PromQL treats it). */
    String label(String key) {
        return labels.getOrDefault(key, "");
    }
}
