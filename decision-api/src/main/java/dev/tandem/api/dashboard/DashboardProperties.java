package dev.tandem.api.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The lag dashboard, prefix {@code tandem.api.dashboard}.
 *
 * @param sources where the numbers come from: a name per service and its Prometheus endpoint; a URL without scheme
 *        and host ({@code /actuator/prometheus}) is this instance's own, on its own port. decision-api.yml names the
 *        local run's three services; {@code tandem.api.dashboard.sources.blender=...} replaces one of them
 * @param interval a snapshot is reused for this long: however many pages are open, each source is read at most once
 *        per interval, and not at all while no page asks
 * @param timeout how long a source may take to answer before it is shown as down
 * @param maxGap a look at a source older than this is not compared with the next one (rates over a long pause would
 *        hide what happens now): after a pause the first snapshot has gauges only, the next one rates
 * @param maxScrapeSize the largest {@code /actuator/prometheus} answer read; a larger one shows its source as down
 */
@Validated
@ConfigurationProperties("tandem.api.dashboard")
public record DashboardProperties(Map<String, URI> sources, @DefaultValue("1s") Duration interval,
        @DefaultValue("2s") Duration timeout, @DefaultValue("30s") Duration maxGap,
        @DefaultValue("4MB") DataSize maxScrapeSize) {

    public DashboardProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        sources.forEach((name, url) -> {
            boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            boolean own = url.getScheme() == null && url.getHost() == null && url.getPath().startsWith("/");
            if (!(http && url.getHost() != null) && !own) {
                throw new IllegalArgumentException("tandem.api.dashboard.sources." + name
                        + " must be an http(s) URL or a path on this instance such as /actuator/prometheus, was " + url);
            }
        });
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("tandem.api.dashboard.interval must be positive, was " + interval);
        }
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("tandem.api.dashboard.timeout must be positive, was " + timeout);
        }
        if (maxGap.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("tandem.api.dashboard.max-gap (" + maxGap
                    + ") must be longer than tandem.api.dashboard.interval (" + interval + ")");
        }
    }
}
