package dev.tandem.api.problem;

import dev.tandem.api.ApiProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Registers the body size limit on the API paths. Public so that slice tests can import it. */
@Configuration(proxyBeanMethods = false)
public class ProblemConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiProperties properties, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), json));
        registration.addUrlPatterns("/v1/*");
        return registration;
    }
}
