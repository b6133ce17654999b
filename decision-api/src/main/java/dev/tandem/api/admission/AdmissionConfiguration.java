package dev.tandem.api.admission;

import java.util.List;
import java.util.Optional;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import dev.tandem.core.flow.Flows;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
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

    @Bean
    Admission admission(AdmissionProperties settings, MeterRegistry meters,
            ObjectProvider<KafkaEnrichmentBacklog> backlog) {
        if (!settings.enabled()) {
            return Admission.everything(meters);
        }
        Limit limit = settings.limit().equals("fixed") ? FixedLimit.of(settings.initialLimit())
                : Gradient2Limit.newBuilder().initialLimit(settings.initialLimit()).minLimit(settings.minLimit())
                        .maxConcurrency(settings.maxLimit()).build();
        var priorities = new PriorityAdmission(limit, settings.standardShare(), settings.bulkShare(),
                System::nanoTime);
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

    /** The enrichers' backlog, read from Kafka, for the flows' required enrichers (ADR 0030). */
    @Bean
    @ConditionalOnBooleanProperty(name = { "tandem.api.admission.enabled", "tandem.api.admission.backlog.enabled" },
            matchIfMissing = true)
    KafkaEnrichmentBacklog enrichmentBacklog(KafkaAdmin kafkaAdmin, Flows flows, AdmissionProperties settings,
            MeterRegistry meters) {
        List<String> enrichers = flows.names().stream().map(flows::find).flatMap(Optional::stream)
                .flatMap(flow -> flow.definition().requiredEnrichers().stream()).distinct().sorted().toList();
        var backlog = new KafkaEnrichmentBacklog(Admin.create(kafkaAdmin.getConfigurationProperties()), enrichers,
                settings.backlog().interval());
        Gauge.builder(MetricNames.ADMISSION_BACKLOG, backlog, reading -> reading.now().main())
                .tag(MetricNames.TAG_TOPIC, Topics.DECISIONS)
                .description("decisions the slowest required enricher has not taken yet, as last read").register(meters);
        Gauge.builder(MetricNames.ADMISSION_BACKLOG, backlog, reading -> reading.now().bulk())
                .tag(MetricNames.TAG_TOPIC, Topics.DECISIONS_BULK)
                .description("decisions the slowest required enricher has not taken yet, as last read").register(meters);
        return backlog;
    }
}
