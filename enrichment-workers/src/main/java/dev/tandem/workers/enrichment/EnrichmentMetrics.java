package dev.tandem.workers.enrichment;

import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.EnrichmentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** One enricher's meters: batch sizes, call time, results by status, retries, and the adaptive target. */
final class EnrichmentMetrics {

    private final MeterRegistry meters;
    private final String enricher;
    private final Timer duration;
    private final DistributionSummary batchSize;
    private final Counter retries;

    EnrichmentMetrics(MeterRegistry meters, String enricher, BatchSizer sizer) {
        this.meters = meters;
        this.enricher = enricher;
        this.duration = Timer.builder(MetricNames.ENRICHMENT_DURATION).tag(MetricNames.TAG_ENRICHER, enricher)
                .description("one enricher call for one batch, retries included").publishPercentileHistogram()
                .register(meters);
        this.batchSize = DistributionSummary.builder(MetricNames.ENRICHMENT_BATCH_SIZE)
                .tag(MetricNames.TAG_ENRICHER, enricher).description("decisions per enricher call")
                .publishPercentileHistogram().maximumExpectedValue(1024.0).register(meters);
        this.retries = Counter.builder(MetricNames.ENRICHMENT_RETRIES).tag(MetricNames.TAG_ENRICHER, enricher)
                .register(meters);
        Gauge.builder(MetricNames.ENRICHMENT_BATCH_TARGET, sizer, BatchSizer::size)
                .tag(MetricNames.TAG_ENRICHER, enricher).description("the adaptive batch size aimed at next")
                .register(meters);
    }

    void batch(int size, long nanos) {
        batchSize.record(size);
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void retried(int requests) {
        retries.increment(requests);
    }

    void result(EnrichmentStatus status) {
        meters.counter(MetricNames.ENRICHMENT_RESULTS, MetricNames.TAG_ENRICHER, enricher, MetricNames.TAG_STATUS,
                status.name()).increment();
    }
}
