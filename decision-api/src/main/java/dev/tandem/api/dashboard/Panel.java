package dev.tandem.api.dashboard;

import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One chart of the dashboard.
 *
 * @param id stable identifier (the page's {@code data-panel}, the snapshot's key)
 * @param title the chart's title, the same as the Grafana panel's
 * @param unit what the values are: {@code seconds}, {@code per_second} or {@code ratio} (0 to 1)
 * @param uses the Prometheus series names the panel reads (scrapes keep only these)
 * @param series the panel's series, by name in display order, from a window; a value is {@code null} when unknown
 */
record Panel(String id, String title, String unit, Set<String> uses,
        Function<Window, SequencedMap<String, @Nullable Double>> series) {

    Panel {
        uses = Set.copyOf(uses);
    }
}
