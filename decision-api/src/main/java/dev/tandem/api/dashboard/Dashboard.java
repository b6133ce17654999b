package dev.tandem.api.dashboard;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import dev.tandem.api.dashboard.DashboardSnapshot.PanelValues;
import dev.tandem.api.dashboard.DashboardSnapshot.SeriesValue;
import dev.tandem.api.dashboard.DashboardSnapshot.SourceStatus;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots on demand: a request finds the latest snapshot if it is younger than the interval, else every source
 * is read again (in parallel) and the panels are computed over the window since each source's look before. So the
 * sources are read only while someone asks, at most once per interval. Memory is bounded by the sources: two looks
 * each, of the panels' series only. Thread-safe; concurrent requests wait for one scrape.
 */
final class Dashboard implements AutoCloseable {

    private final Map<String, URI> sources;
    private final Scraper scraper;
    private final Clock clock;
    private final Duration interval;
    private final Duration maxGap;
    private final List<Panel> panels;
    private final ReentrantLock lock = new ReentrantLock();

    private final Map<String, Scrape> before = new HashMap<>();
    private final Map<String, Scrape> latest = new HashMap<>();
    private @Nullable DashboardSnapshot snapshot;

    Dashboard(Map<String, URI> sources, Scraper scraper, Clock clock, Duration interval, Duration maxGap,
            List<Panel> panels) {
        this.sources = new TreeMap<>(sources);
        this.scraper = scraper;
        this.clock = clock;
        this.interval = interval;
        this.maxGap = maxGap;
        this.panels = List.copyOf(panels);
    }

    /** The latest snapshot, read anew when older than the interval. */
    DashboardSnapshot snapshot() {
        lock.lock();
        try {
            Instant now = clock.instant();
            DashboardSnapshot current = snapshot;
            if (current != null && now.isBefore(current.time().plus(interval))) {
                return current;
            }
            for (Scrape scrape : scrapeAll()) {
                Scrape previous = latest.put(scrape.source(), scrape);
                if (previous != null && !scrape.at().isAfter(previous.at().plus(maxGap))) {
                    before.put(scrape.source(), previous);
                } else {
                    before.remove(scrape.source());
                }
            }
            current = compute(now);
            snapshot = current;
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the scraper (Spring calls it when the context closes). */
    @Override
    public void close() {
        scraper.close();
    }

    private List<Scrape> scrapeAll() {
        var scrapes = new ArrayList<Scrape>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var pending = new ArrayList<Future<Scrape>>();
            sources.forEach((name, url) -> pending.add(threads.submit(() -> scraper.scrape(name, url))));
            for (Future<Scrape> scrape : pending) {
                scrapes.add(scrape.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the dashboard's sources", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a dashboard source could not be read", e.getCause());
        }
        return scrapes;
    }

    private DashboardSnapshot compute(Instant now) {
        var window = new Window(before, latest);
        var statuses = new ArrayList<SourceStatus>();
        sources.forEach((name, url) -> {
            Scrape scrape = latest.get(name);
            statuses.add(new SourceStatus(name, url.toString(), scrape.isUp(), scrape.error(), scrape.at(),
                    window.seconds(name)));
        });
        var values = new ArrayList<PanelValues>();
        for (Panel panel : panels) {
            var series = new ArrayList<SeriesValue>();
            panel.series().apply(window).forEach((name, value) -> series.add(new SeriesValue(name, value)));
            values.add(new PanelValues(panel.id(), panel.title(), panel.unit(), series));
        }
        return new DashboardSnapshot(now, statuses, values);
    }
}
