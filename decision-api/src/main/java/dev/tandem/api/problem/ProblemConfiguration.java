package dev.tandem.api.problem;

import dev.tandem.api.ApiProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Registers the body size limit on the API paths. Public so that slice tests can import it. */
@Configuration(proxyBeanMethods = false)
public class ProblemConfiguration {

    /**
     * Where the body size limit runs among the servlet filters: after Spring's own (the observation of the request
     * among them, so its refusals are counted), before any filter of Tandem's that reads the body.
     */
    public static final int REQUEST_SIZE_LIMIT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiProperties properties,
            ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), problems));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(REQUEST_SIZE_LIMIT_ORDER);
        return registration;
    }
}
