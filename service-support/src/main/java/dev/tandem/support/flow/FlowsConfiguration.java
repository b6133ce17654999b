package dev.tandem.support.flow;

import dev.tandem.core.flow.Flows;
import dev.tandem.core.model.ModelRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code tandem.flows.*}, loads and activates their models, and builds the flows; a flow that
 * makes no sense or a model that does not fit it stops the start-up with a message naming the
 * property. The {@code models} actuator endpoint lists and switches the active versions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FlowsProperties.class, ModelsProperties.class })
public class FlowsConfiguration {

    @Bean(destroyMethod = "close")
    ModelRegistry modelRegistry(ModelsProperties properties) {
        return new ModelRegistry(properties.dir(), getClass().getClassLoader());
    }

    @Bean
    Flows flows(FlowsProperties properties, ModelRegistry modelRegistry) {
        return Flows.of(properties.flows(), modelRegistry);
    }

    @Bean
    ModelsEndpoint modelsEndpoint(Flows flows) {
        return new ModelsEndpoint(flows);
    }
}
