package dev.tandem.api.dashboard;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /v1/dashboard} answers: the panels' values over the latest window, and which sources answered.
 * See {@link DashboardController} for the JSON.
 *
 * @param time when the snapshot was computed
 * @param sources every configured source, by name
 * @param panels the panels, in display order
 */
public record DashboardSnapshot(Instant time, List<SourceStatus> sources, List<PanelValues> panels) {

    public DashboardSnapshot {
        sources = List.copyOf(sources);
        panels = List.copyOf(panels);
    }

    /**
     * A source at its latest look.
     *
     * @param name its configured name
     * @param url where it was read
     * @param up whether it answered with readable metrics
     * @param error why not, or {@code null}
     * @param scrapedAt when it was last looked at
     * @param windowSeconds seconds between its two latest looks, the window of its rates; {@code null} when it has
     *        no earlier look to compare with (the first look after a pause, or it was down)
     */
    public record SourceStatus(String name, String url, boolean up, @Nullable String error, Instant scrapedAt,
            @Nullable Double windowSeconds) {
    }

    /**
     * One panel.
     *
     * @param id stable identifier
     * @param title display title
     * @param unit {@code seconds}, {@code per_second} or {@code ratio}
     * @param series its series in display order
     */
    public record PanelValues(String id, String title, String unit, List<SeriesValue> series) {

        public PanelValues {
            series = List.copyOf(series);
        }
    }

    /**
     * One series' value.
     *
     * @param name e.g. {@code velocity p95}, {@code decisions}, {@code l1}
     * @param value in the panel's unit; {@code null} when unknown (no observations in the window, no earlier look,
     *        source down); never NaN or infinite
     */
    public record SeriesValue(String name, @Nullable Double value) {

        public SeriesValue {
            if (value != null && !Double.isFinite(value)) {
                value = null;
            }
        }
    }
}
