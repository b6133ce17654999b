package dev.tandem.api.dashboard;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

import dev.tandem.schemas.MetricNames;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's panels, the numbers issue 7 asks for. Each reads Micrometer meters of {@link MetricNames} under
 * their Prometheus names (dots to underscores, the base unit and {@code _total} appended), the same series a
 * Grafana panel of the same title queries.
 */
final class Panels {

    static final String ENRICHMENT_LAG = prometheus(MetricNames.ENRICHMENT_LAG, "_seconds_bucket");
    static final String TIME_TO_FINAL = prometheus(MetricNames.OUTCOME_TIME_TO_FINAL, "_seconds_bucket");
    static final String FLIPS = prometheus(MetricNames.OUTCOME_FLIPS, "_total");
    static final String FINALISED = prometheus(MetricNames.OUTCOME_FINALISED, "_total");
    static final String LATE = prometheus(MetricNames.OUTCOME_LATE_RESULTS, "_total");
    static final String DUPLICATES = prometheus(MetricNames.OUTCOME_DUPLICATES, "_total");
    static final String CONSUMER_LAG = prometheus(MetricNames.CONSUMER_LAG_TIME, "_seconds");
    static final String DECISIONS = prometheus(MetricNames.DECISION_LATENCY, "_seconds_count");
    static final String ENRICHMENT_RESULTS = prometheus(MetricNames.ENRICHMENT_RESULTS, "_total");
    static final String CACHE_REQUESTS = prometheus(MetricNames.FEATURE_CACHE_REQUESTS, "_total");
    static final String REFUSED = prometheus(MetricNames.ADMISSION_REFUSED, "_total");
    /*
     * Gauges each service publishes from its start: when one of them can be compared, a counter or timer of the same
     * service that is missing (registered at its first event) has not moved, and shows 0 rather than nothing.
     */
    static final String ADMISSION_LIMIT = prometheus(MetricNames.ADMISSION_LIMIT, "");
    static final String BATCH_TARGET = prometheus(MetricNames.ENRICHMENT_BATCH_TARGET, "");
    static final String OUTCOMES_IN_FLIGHT = prometheus(MetricNames.OUTCOME_IN_FLIGHT, "");

    static final List<Double> QUANTILES = List.of(0.5, 0.95, 0.99);

    static final List<Panel> ALL = List.of(
            new Panel("enrichment-lag", "Enrichment lag by enricher (p50/p95/p99)", "seconds", Set.of(ENRICHMENT_LAG),
                    Panels::enrichmentLag),
            new Panel("time-to-final", "Time to final (p50/p95/p99)", "seconds", Set.of(TIME_TO_FINAL),
                    Panels::timeToFinal),
            new Panel("flip-rate", "Flip rate", "ratio", Set.of(FLIPS, FINALISED, OUTCOMES_IN_FLIGHT),
                    Panels::flipRate),
            new Panel("late-duplicate", "Late and duplicate results", "per_second", Set.of(LATE, DUPLICATES),
                    Panels::lateAndDuplicate),
            new Panel("consumer-lag", "Consumer lag by group (time)", "seconds", Set.of(CONSUMER_LAG),
                    Panels::consumerLag),
            new Panel("throughput", "Throughput", "per_second", Set.of(DECISIONS, ENRICHMENT_RESULTS, FINALISED,
                    ADMISSION_LIMIT, BATCH_TARGET, OUTCOMES_IN_FLIGHT), Panels::throughput),
            new Panel("cache-hit-rate", "Feature cache hit rate by tier", "ratio", Set.of(CACHE_REQUESTS),
                    Panels::cacheHitRate),
            new Panel("shed-requests", "Shed requests", "per_second", Set.of(REFUSED, ADMISSION_LIMIT),
                    Panels::shedRequests));

    private Panels() {
    }

    /** Every series name some panel reads. */
    static Set<String> uses() {
        var names = new HashSet<String>();
        ALL.forEach(panel -> names.addAll(panel.uses()));
        return Set.copyOf(names);
    }

    /** {@code tandem.enrichment.lag} with {@code _seconds_bucket}: {@code tandem_enrichment_lag_seconds_bucket}. */
    static String prometheus(String meterName, String suffix) {
        return meterName.replace('.', '_') + suffix;
    }

    /** p50/p95/p99 per enricher: {@code histogram_quantile(q, sum by (le, enricher) (rate(..._bucket)))}. */
    static SequencedMap<String, @Nullable Double> enrichmentLag(Window window) {
        var series = new LinkedHashMap<String, @Nullable Double>();
        var byQuantile = QUANTILES.stream().map(q -> window.quantile(q, ENRICHMENT_LAG,
                s -> s.label(MetricNames.TAG_ENRICHER))).toList();
        for (String enricher : byQuantile.getFirst().keySet()) {
            for (int i = 0; i < QUANTILES.size(); i++) {
                series.put(enricher + " " + label(QUANTILES.get(i)), byQuantile.get(i).get(enricher));
            }
        }
        return series;
    }

    /** p50/p95/p99 over every flow and end state. */
    static SequencedMap<String, @Nullable Double> timeToFinal(Window window) {
        var series = new LinkedHashMap<String, @Nullable Double>();
        for (double q : QUANTILES) {
            series.put(label(q), window.quantile(q, TIME_TO_FINAL, Window.ALL).get(""));
        }
        return series;
    }

    /** Outcomes whose final verdict differs from the provisional one, as a share of the outcomes finalised. */
    static SequencedMap<String, @Nullable Double> flipRate(Window window) {
        Double finalised = total(window, FINALISED, OUTCOMES_IN_FLIGHT);
        Double flips = total(window, FLIPS, OUTCOMES_IN_FLIGHT);
        var series = new LinkedHashMap<String, @Nullable Double>();
        series.put("flipped", finalised == null || flips == null || finalised == 0 ? null : flips / finalised);
        return series;
    }

    /** Results that came after finalisation, and results already applied, per second (every enricher). */
    static SequencedMap<String, @Nullable Double> lateAndDuplicate(Window window) {
        var series = new LinkedHashMap<String, @Nullable Double>();
        series.put("late", window.rate(LATE, Window.ALL).get(""));
        series.put("duplicate", window.rate(DUPLICATES, Window.ALL).get(""));
        return series;
    }

    /** The age of the oldest unprocessed record, per consumer group (the largest over its topics). */
    static SequencedMap<String, @Nullable Double> consumerLag(Window window) {
        return new LinkedHashMap<>(window.gaugeMax(CONSUMER_LAG, s -> s.label(MetricNames.TAG_GROUP)));
    }

    /** Decisions answered, enrichment results published and outcomes finalised, per second. */
    static SequencedMap<String, @Nullable Double> throughput(Window window) {
        var series = new LinkedHashMap<String, @Nullable Double>();
        series.put("decisions", total(window, DECISIONS, ADMISSION_LIMIT));
        series.put("enrichment results", total(window, ENRICHMENT_RESULTS, BATCH_TARGET));
        series.put("finalised", total(window, FINALISED, OUTCOMES_IN_FLIGHT));
        return series;
    }

    /** Hits over reads, per tier ({@code l1} in-process, {@code l2} Redis). */
    static SequencedMap<String, @Nullable Double> cacheHitRate(Window window) {
        Map<String, @Nullable Double> hits = window.rate(CACHE_REQUESTS, s -> "hit".equals(s.label(MetricNames.TAG_RESULT))
                ? s.label(MetricNames.TAG_TIER) : "");
        Map<String, @Nullable Double> reads = window.rate(CACHE_REQUESTS, s -> s.label(MetricNames.TAG_TIER));
        var series = new LinkedHashMap<String, @Nullable Double>();
        reads.forEach((tier, all) -> {
            Double hit = hits.get(tier);
            series.put(tier, all == null || all == 0 || hit == null ? null : hit / all);
        });
        return series;
    }

    /** Decisions refused before any work (429 or 503), per second: in all and by reason. */
    static SequencedMap<String, @Nullable Double> shedRequests(Window window) {
        Map<String, @Nullable Double> byReason = window.rate(REFUSED, s -> s.label(MetricNames.TAG_REASON));
        var series = new LinkedHashMap<String, @Nullable Double>();
        series.put("total", total(window, REFUSED, ADMISSION_LIMIT));
        series.putAll(byReason);
        return series;
    }

    /**
     * The rate of every series named {@code name} together; 0 when there is none but the service publishing
     * {@code alwaysThere} can be compared (the counter is registered at its first event), {@code null} when unknown.
     */
    static @Nullable Double total(Window window, String name, String alwaysThere) {
        Double rate = window.rate(name, Window.ALL).get("");
        return rate == null && window.comparable(alwaysThere) ? Double.valueOf(0) : rate;
    }

    private static String label(double q) {
        return "p" + Math.round(q * 100);
    }
}
