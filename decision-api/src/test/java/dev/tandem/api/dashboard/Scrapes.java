package dev.tandem.api.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scrapes written as Prometheus text, for tests. */
final class Scrapes {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Scrapes() {
    }

    /** A source's look at {@code T0 + seconds}, its samples given as text. */
    static Scrape at(String source, double seconds, String text) {
        return Scrape.up(source, T0.plusMillis((long) (seconds * 1000)), PrometheusText.parse(text));
    }

    static Window window(List<Scrape> before, List<Scrape> latest) {
        return new Window(bySource(before), bySource(latest));
    }

    private static Map<String, Scrape> bySource(List<Scrape> scrapes) {
        var map = new java.util.HashMap<String, Scrape>();
        new ArrayList<>(scrapes).forEach(scrape -> map.put(scrape.source(), scrape));
        return map;
    }

    /** Cumulative buckets of an enrichment lag histogram: {@code le=count} pairs, +Inf last. */
    static String lag(String enricher, double... boundsAndCounts) {
        var text = new StringBuilder();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            String le = boundsAndCounts[i] == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(boundsAndCounts[i]);
            text.append("tandem_enrichment_lag_seconds_bucket{application=\"blender\",enricher=\"").append(enricher)
                    .append("\",le=\"").append(le).append("\"} ").append(boundsAndCounts[i + 1]).append('\n');
        }
        return text.toString();
    }
}
