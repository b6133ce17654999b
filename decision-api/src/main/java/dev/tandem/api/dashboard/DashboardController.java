package dev.tandem.api.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lag dashboard: the page at {@code /dashboard.html} (and {@code /dashboard}) and its data at
 * {@code GET /v1/dashboard}, a snapshot of every panel over the latest window:
 *
 * <pre>{@code
 * {
 *   "time": "2026-03-01T10:15:30.123Z",
 *   "sources": [
 *     {"name": "blender", "url": "http://localhost:8082/actuator/prometheus", "up": true, "error": null,
 *      "scrapedAt": "2026-03-01T10:15:30.101Z", "windowSeconds": 2.004},
 *     {"name": "enrichment-workers", "url": "...", "up": false, "error": "ConnectException", ...}
 *   ],
 *   "panels": [
 *     {"id": "enrichment-lag", "title": "Enrichment lag by enricher (p50/p95/p99)", "unit": "seconds",
 *      "series": [{"name": "velocity p50", "value": 0.012}, {"name": "velocity p95", "value": 0.031}, ...]},
 *     {"id": "throughput", "title": "Throughput", "unit": "per_second",
 *      "series": [{"name": "decisions", "value": 49.8}, {"name": "enrichment results", "value": 148.2},
 *                 {"name": "finalised", "value": 49.5}]},
 *     ...
 *   ]
 * }
 * }</pre>
 *
 * <p>Panel ids, in order: {@code enrichment-lag}, {@code time-to-final}, {@code flip-rate}, {@code late-duplicate},
 * {@code consumer-lag}, {@code throughput}, {@code cache-hit-rate}, {@code shed-requests}. Units: {@code seconds},
 * {@code per_second}, {@code ratio} (0 to 1). A value is {@code null} when it is not known: nothing observed in the
 * window (a quantile, a ratio), no earlier look to compare with (rates, quantiles), or its source is down. A source
 * that is down is reported in {@code sources}, never as an error of this resource; errors (wrong method, wrong
 * {@code Accept}) are {@code application/problem+json}. Sources are read at most once per
 * {@code tandem.api.dashboard.interval}, and only while someone asks.
 */
@RestController
class DashboardController {

    private static final Resource PAGE = new ClassPathResource("decision-api/dashboard/dashboard.html");

    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Operation(operationId = "getDashboard", summary = "Read the lag dashboard's numbers", description = "Every "
            + "panel of the lag dashboard (/dashboard.html) over the latest window between two reads of the services' "
            + "Prometheus metrics: enrichment lag and time to final (p50/p95/p99), flip rate, late and duplicate "
            + "results, consumer lag by group, throughput, feature cache hit rate by tier, shed requests; and which "
            + "metric sources answered. For the page and for operators' scripts; Prometheus itself is the place "
            + "for history.")
    @GetMapping(path = "/v1/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DashboardSnapshot> snapshot() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(dashboard.snapshot());
    }

    @GetMapping(path = {"/dashboard", "/dashboard.html"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
