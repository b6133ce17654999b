package dev.tandem.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.api.dashboard.DashboardSnapshot.PanelValues;
import dev.tandem.api.dashboard.DashboardSnapshot.SeriesValue;
import dev.tandem.api.dashboard.DashboardSnapshot.SourceStatus;
import dev.tandem.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

class DashboardTests {

    static final Map<String, URI> SOURCES = Map.of("decision-api", URI.create("/actuator/prometheus"),
            "blender", URI.create("http://localhost:8082/actuator/prometheus"));

    final ManualClock clock = new ManualClock(Scrapes.T0);
    /** What each source answers next: its counter's value, or down when missing. */
    final Map<String, Integer> decisions = new ConcurrentHashMap<>(Map.of("decision-api", 0, "blender", 0));
    final AtomicInteger scrapes = new AtomicInteger();

    final Scraper scraper = (source, url) -> {
        scrapes.incrementAndGet();
        Integer count = decisions.get(source);
        return count == null ? Scrape.down(source, clock.instant(), "refused")
                : Scrape.up(source, clock.instant(), PrometheusText.parse(
                        "tandem_decision_latency_seconds_count " + count + "\ntandem_admission_limit 10\n"));
    };

    final Dashboard dashboard = new Dashboard(SOURCES, scraper, clock, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Panels.ALL);

    @Test
    void snapshot_firstLook_hasEverySourceAndPanelButNoRatesYet() {
        DashboardSnapshot snapshot = dashboard.snapshot();

        assertThat(snapshot.time()).isEqualTo(Scrapes.T0);
        assertThat(snapshot.sources()).extracting(SourceStatus::name, SourceStatus::up, SourceStatus::windowSeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("blender", true, null),
                        org.assertj.core.groups.Tuple.tuple("decision-api", true, null));
        assertThat(snapshot.panels()).extracting(PanelValues::id).containsExactly("enrichment-lag", "time-to-final",
                "flip-rate", "late-duplicate", "consumer-lag", "throughput", "cache-hit-rate", "shed-requests");
        assertThat(decisionsPerSecond(snapshot)).isNull();
    }

    @Test
    void snapshot_secondLook_ratesOverTheTimeBetween() {
        dashboard.snapshot();
        decisions.put("decision-api", 40);
        clock.advance(Duration.ofSeconds(2));

        DashboardSnapshot snapshot = dashboard.snapshot();

        assertThat(decisionsPerSecond(snapshot)).isEqualTo(20.0);
        assertThat(snapshot.sources()).extracting(SourceStatus::windowSeconds).containsOnly(2.0);
    }

    @Test
    void snapshot_withinTheInterval_isReusedWithoutReadingTheSources() {
        DashboardSnapshot first = dashboard.snapshot();
        clock.advance(Duration.ofMillis(999));

        assertThat(dashboard.snapshot()).isSameAs(first);
        assertThat(scrapes).hasValue(2);

        clock.advance(Duration.ofMillis(1));
        assertThat(dashboard.snapshot()).isNotSameAs(first);
        assertThat(scrapes).hasValue(4);
    }

    @Test
    void snapshot_afterAPauseLongerThanTheMaxGap_doesNotRateOverThePause() {
        dashboard.snapshot();
        decisions.put("decision-api", 3600);
        clock.advance(Duration.ofMinutes(10));

        DashboardSnapshot afterPause = dashboard.snapshot();
        clock.advance(Duration.ofSeconds(2));
        DashboardSnapshot next = dashboard.snapshot();

        assertThat(decisionsPerSecond(afterPause)).isNull();
        assertThat(decisionsPerSecond(next)).isEqualTo(0.0);
    }

    @Test
    void snapshot_aSourceDown_isReportedWithWhy_andTheOthersStillCount() {
        dashboard.snapshot();
        decisions.remove("blender");
        decisions.put("decision-api", 10);
        clock.advance(Duration.ofSeconds(2));

        DashboardSnapshot snapshot = dashboard.snapshot();

        assertThat(snapshot.sources()).filteredOn(SourceStatus::name, "blender").singleElement()
                .satisfies(blender -> {
                    assertThat(blender.up()).isFalse();
                    assertThat(blender.error()).isEqualTo("refused");
                });
        assertThat(decisionsPerSecond(snapshot)).isEqualTo(5.0);
    }

    @Test
    void snapshot_concurrentRequests_shareOneLookPerInterval() throws Exception {
        var threads = new ArrayList<Thread>();
        var snapshots = new ArrayList<DashboardSnapshot>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                DashboardSnapshot snapshot = dashboard.snapshot();
                synchronized (snapshots) {
                    snapshots.add(snapshot);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(scrapes).hasValue(SOURCES.size());
        assertThat(snapshots).hasSize(8).allSatisfy(s -> assertThat(s).isSameAs(snapshots.getFirst()));
    }

    @Test
    void seriesValue_notFinite_isNull() {
        assertThat(new SeriesValue("x", Double.NaN).value()).isNull();
        assertThat(new SeriesValue("x", Double.POSITIVE_INFINITY).value()).isNull();
        assertThat(new SeriesValue("x", 1.5).value()).isEqualTo(1.5);
    }

    private static Double decisionsPerSecond(DashboardSnapshot snapshot) {
        List<SeriesValue> series = snapshot.panels().stream().filter(p -> p.id().equals("throughput")).findFirst()
                .orElseThrow().series();
        return series.stream().filter(s -> s.name().equals("decisions")).findFirst().orElseThrow().value();
    }
}
