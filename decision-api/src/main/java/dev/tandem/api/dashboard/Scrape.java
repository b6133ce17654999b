package dev.tandem.api.dashboard;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one look at a source's {@code /actuator/prometheus} found: its samples (only the series the panels use), or
 * why there are none.
 *
 * @param source the source's configured name
 * @param at when the look started
 * @param samples the samples kept; empty when the source is down
 * @param error why the source could not be read, or {@code null} when it was
 */
record Scrape(String source, Instant at, List<Sample> samples, @Nullable String error) {

    Scrape {
        samples = List.copyOf(samples);
    }

    static Scrape up(String source, Instant at, List<Sample> samples) {
        return new Scrape(source, at, samples, null);
    }

    static Scrape down(String source, Instant at, String error) {
        return new Scrape(source, at, List.of(), error);
    }

    boolean isUp() {
        return error == null;
    }
}
