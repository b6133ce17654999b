package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring by properties; the backlog read from a real broker is {@code BacklogAdmissionIntegrationTests}'. */
class AdmissionConfigurationTests {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AdmissionConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void withTheBacklogOff_nothingReadsKafka_andNoDecisionIsRefusedForIt() {
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Admission.class)
                    .doesNotHaveBean(KafkaEnrichmentBacklog.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(MetricNames.ADMISSION_REFUSED).tag(MetricNames.TAG_REASON, "backlogged")
                    .counters()).isEmpty();
            assertThat(meters.find(MetricNames.ADMISSION_REFUSED).tag(MetricNames.TAG_REASON, "overloaded")
                    .counters()).hasSize(3);

            Admission.Ticket ticket = context.getBean(Admission.class).admit(Priority.BULK, "payment-risk", null);
            ticket.release(false);
        });
    }

    @Test
    void withAdmissionOff_everythingIsAdmitted_andNeitherTheLimitNorTheBacklogIsThere() {
        runner.withPropertyValues("tandem.api.admission.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Admission.class)
                    .doesNotHaveBean(KafkaEnrichmentBacklog.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(MetricNames.ADMISSION_REFUSED).counters()).isEmpty();
            assertThat(meters.find(MetricNames.ADMISSION_LIMIT).gauges()).isEmpty();
        });
    }
}
