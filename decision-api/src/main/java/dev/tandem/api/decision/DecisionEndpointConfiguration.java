package dev.tandem.api.decision;

import java.util.Map;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/decisions} by the {@link DecisionEndpoint} (ADR 0034): mapped by its path alone, ahead of the
 * annotated controllers' mapping, so that the route every decision takes does not go through that mapping's matching
 * of every request against each method's conditions. Its own configuration so that slice tests can import it.
 */
@Configuration(proxyBeanMethods = false)
class DecisionEndpointConfiguration {

    @Bean
    DecisionEndpoint decisionEndpoint(DecisionService decisions, ApiProperties properties, JsonMapper json,
            ProblemWriter problems, MeterRegistry meters) {
        return new DecisionEndpoint(decisions, properties.tenant(), json, problems, meters);
    }

    /**
     * First of the handler mappings. It names the route for the observation of the request ({@code
     * http.server.requests}' {@code uri} tag), as the annotated controllers' mapping does.
     */
    @Bean
    SimpleUrlHandlerMapping decisionEndpointMapping(DecisionEndpoint decisionEndpoint) {
        return new SimpleUrlHandlerMapping(Map.of(DecisionEndpoint.PATH, decisionEndpoint), Ordered.HIGHEST_PRECEDENCE);
    }
}
