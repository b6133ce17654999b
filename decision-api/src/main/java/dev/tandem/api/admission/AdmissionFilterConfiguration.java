package dev.tandem.api.admission;

import dev.tandem.api.problem.ProblemConfiguration;
import dev.tandem.api.problem.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the {@link AdmissionFilter} on {@code /v1/decisions} (it admits POSTs only), right after the body size
 * limit. Public so that slice tests can import it.
 */
@Configuration(proxyBeanMethods = false)
public class AdmissionFilterConfiguration {

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(Admission admission, JsonMapper json,
            ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new AdmissionFilter(admission, json, problems));
        registration.addUrlPatterns(AdmissionFilter.ROUTE);
        registration.setOrder(ProblemConfiguration.REQUEST_SIZE_LIMIT_ORDER + 1);
        return registration;
    }
}
