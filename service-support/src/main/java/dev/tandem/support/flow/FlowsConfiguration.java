package dev.tandem.support.flow;

import dev.tandem.core.flow.Flows;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code tandem.flows.*} and builds the flows; a flow that makes no sense stops the start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlowsProperties.class)
public class FlowsConfiguration {

    @Bean
    Flows flows(FlowsProperties properties) {
        return Flows.of(properties.flows());
    }
}
