package dev.tandem.api.admission;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Admission control from {@code tandem.api.admission.*}, with its gauges. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfiguration {

    @Bean
    Admission admission(AdmissionProperties settings, MeterRegistry meters) {
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
        return new Admission(priorities, rates, settings.retryAfter(), meters);
    }
}
