package dev.tandem.api.admission;

import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import dev.tandem.core.flow.Flows;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Admission control from {@code tandem.api.admission.*}, with its gauges. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfiguration {

    /** A window of fewer decisions than this teaches the limit nothing. */
    static final int MIN_WINDOW_DECISIONS = 10;

    /** Windows the long-term latency averages. */
    static final int LONG_WINDOWS = 120;

    /** Faster answers than this are not samples of the work (Netflix's default, said here). */
    static final long MIN_RTT_MICROS = 100;

    /**
     * The JVM's stalls for its collector (ADR 0038), watched when admission is on with the adaptive limit and a
     * threshold set. A {@code fixed} limit is the operator's number: no burst goes past it.
     */
    @Bean
    Stalls stalls(AdmissionProperties settings, MeterRegistry meters) {
        if (!settings.enabled() || settings.stallThreshold().isZero() || settings.limit().equals("fixed")) {
            return Stalls.NONE;
        }
        return StallWatch.started(settings.stallThreshold(), meters);
    }

    @Bean
    Admission admission(AdmissionProperties settings, MeterRegistry meters, Stalls stalls,
            ObjectProvider<KafkaEnrichmentBacklog> backlog) {
        if (!settings.enabled()) {
            return Admission.everything(meters);
        }
        var priorities = new PriorityAdmission(limit(settings), settings.standardShare(), settings.bulkShare(),
                stalls, settings.maxLimit(), System::nanoTime);
        for (Priority priority : List.of(Priority.CRITICAL, Priority.STANDARD)) {
            FunctionCounter.builder(MetricNames.ADMISSION_AFTER_STALL, priorities, p -> p.afterStall(priority))
                    .tag(MetricNames.TAG_PRIORITY, priority.name())
                    .description("decisions admitted past their share of the limit in the burst after a stall of"
                            + " the JVM for its collector")
                    .register(meters);
        }
        Gauge.builder(MetricNames.ADMISSION_LIMIT, priorities, PriorityAdmission::limit)
                .description("decisions that may be in flight at once (CRITICAL; less for the other priorities)")
                .register(meters);
        Gauge.builder(MetricNames.ADMISSION_IN_FLIGHT, priorities, PriorityAdmission::inFlight)
                .description("admitted decisions not answered yet").register(meters);
        ClientRates rates = settings.perClientRate() > 0
                ? new ClientRates(settings.perClientRate(), settings.perClientBurst(), System::nanoTime) : null;
        Admission.BacklogGate gate = backlog.getIfAvailable() == null ? null : new Admission.BacklogGate(
                backlog.getObject(), new BacklogLimits(settings.backlog().standardLimit(),
                        settings.backlog().bulkLimit()));
        return new Admission(priorities, rates, gate, settings.retryAfter(), meters);
    }

    /**
     * The concurrency limit the settings describe. Gradient2 shrinks the limit when a sample's latency is more than
     * 1.5 times its long-term average, and grows it only while at least half of it is in use; fed each decision, the
     * jitter of single sub-millisecond samples shrank it to 8–14 at 3,000 decisions/s, where about 2 are in flight
     * on average, and it never grew back (hot path result 22). Fed each window's average latency and the most
     * decisions in flight in it (a {@link WindowedLimit}), it shrinks for a window that was slower, not for one
     * decision that was (ADR 0035). Its long-term latency then averages {@value #LONG_WINDOWS} windows (30 s at
     * 250 ms), not Gradient2's 600 samples (which would be two and a half minutes of windows). A window of fewer than
     * {@value #MIN_WINDOW_DECISIONS} decisions (under 40 a second at 250 ms; the library takes no fewer) is dropped:
     * at such a rate the limit holds where it is. Decisions answered in under {@value #MIN_RTT_MICROS} µs (refusals by
     * the store's open circuit) are not latencies of the work and are left out of the windows.
     */
    static Limit limit(AdmissionProperties settings) {
        if (settings.limit().equals("fixed")) {
            return FixedLimit.of(settings.initialLimit());
        }
        var gradient = Gradient2Limit.newBuilder().initialLimit(settings.initialLimit())
                .minLimit(settings.minLimit()).maxConcurrency(settings.maxLimit());
        if (settings.window().isZero()) {
            return gradient.build();
        }
        long window = settings.window().toNanos();
        return WindowedLimit.newBuilder().minWindowTime(window, TimeUnit.NANOSECONDS)
                .maxWindowTime(window, TimeUnit.NANOSECONDS).windowSize(MIN_WINDOW_DECISIONS)
                .minRttThreshold(MIN_RTT_MICROS, TimeUnit.MICROSECONDS)
                .build(gradient.longWindow(LONG_WINDOWS).build());
    }

    /** The enrichers' backlog, read from Kafka, for each flow's required enrichers (ADR 0030). */
    @Bean
    @ConditionalOnBooleanProperty(name = { "tandem.api.admission.enabled", "tandem.api.admission.backlog.enabled" },
            matchIfMissing = true)
    KafkaEnrichmentBacklog enrichmentBacklog(KafkaAdmin kafkaAdmin, Flows flows, AdmissionProperties settings,
            MeterRegistry meters) {
        var enrichersByFlow = new TreeMap<String, List<String>>();
        flows.names().forEach(name -> flows.find(name).ifPresent(flow ->
                enrichersByFlow.put(name, flow.definition().requiredEnrichers())));
        var adminSettings = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        adminSettings.put(AdminClientConfig.CLIENT_ID_CONFIG, "decision-api-backlog");
        var backlog = new KafkaEnrichmentBacklog(Admin.create(adminSettings), enrichersByFlow,
                settings.backlog().interval(), System::nanoTime);
        enrichersByFlow.forEach((flow, enrichers) -> {
            if (!enrichers.isEmpty()) {
                backlogGauge(meters, backlog, flow, Priority.STANDARD, EnrichmentBacklog.Backlog::standard);
                backlogGauge(meters, backlog, flow, Priority.BULK, EnrichmentBacklog.Backlog::bulk);
            }
        });
        return backlog;
    }

    private static void backlogGauge(MeterRegistry meters, KafkaEnrichmentBacklog backlog, String flow,
            Priority priority, ToLongFunction<EnrichmentBacklog.Backlog> waiting) {
        Gauge.builder(MetricNames.ADMISSION_BACKLOG, backlog, reading -> waiting.applyAsLong(reading.of(flow)))
                .tag(MetricNames.TAG_FLOW, flow).tag(MetricNames.TAG_PRIORITY, priority.name())
                .description("decisions a new decision of the flow and priority would wait behind at its slowest"
                        + " required enricher, as last read (CRITICAL waits as STANDARD)")
                .register(meters);
    }
}
