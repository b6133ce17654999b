package dev.tandem.workers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;

/**
 * Entry point of enrichment-workers. Its configuration file is {@code enrichment-workers.yml} (not {@code application.yml}), so
 * that the three services can share one classpath in the all-in-one local run and in it-tests.
 */
@SpringBootApplication(proxyBeanMethods = false, exclude = LettuceObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
public class EnrichmentWorkersApplication {

    /** The service's name, its configuration file's name and its {@code spring.application.name}. */
    public static final String NAME = "enrichment-workers";

    /** A builder for this service with its own configuration file; callers add their properties. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(EnrichmentWorkersApplication.class)
                .properties("spring.config.name=" + NAME, "spring.application.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
