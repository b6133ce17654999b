/**
 * The live lag dashboard: {@code /dashboard.html} polls {@code GET /v1/dashboard}, whose snapshot is computed from
 * the {@code /actuator/prometheus} of the configured sources (decision-api itself, enrichment-workers, blender).
 * The core is plain: {@link PrometheusText} reads the text format, {@link Window} turns two scrapes into rates,
 * ratios and histogram quantiles, {@link Panels} names what each chart shows. {@link Dashboard} scrapes on demand,
 * at most once per interval, so nothing is scraped while nobody looks.
 */
@NullMarked
package dev.tandem.api.dashboard;

import org.jspecify.annotations.NullMarked;
