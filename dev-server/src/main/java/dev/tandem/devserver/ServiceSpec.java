package dev.tandem.devserver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.tandem.api.DecisionApiApplication;
import dev.tandem.blender.BlenderApplication;
import dev.tandem.workers.EnrichmentWorkersApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One of the three services, to be started in this JVM on a given port, with its own command-line arguments (after
 * the shared ones).
 */
record ServiceSpec(String name, int port, Supplier<SpringApplicationBuilder> application, List<String> arguments) {

    /** Where enrichment-workers finds the IP-reputation provider. */
    static final String PROVIDER_URL_PROPERTY = "tandem.workers.ip-reputation.base-url";

    static List<ServiceSpec> all(DevServerOptions options) {
        return List.of(
                new ServiceSpec(DecisionApiApplication.NAME, options.apiPort(), DecisionApiApplication::application,
                        dashboardSources(options)),
                new ServiceSpec(EnrichmentWorkersApplication.NAME, options.workersPort(),
                        EnrichmentWorkersApplication::application, List.of()),
                new ServiceSpec(BlenderApplication.NAME, options.blenderPort(), BlenderApplication::application,
                        List.of()));
    }

    /** decision-api's lag dashboard reads the other two services' metrics on the ports they run on here. */
    static List<String> dashboardSources(DevServerOptions options) {
        return List.of(
                "--tandem.api.dashboard.sources." + EnrichmentWorkersApplication.NAME + "=http://localhost:"
                        + options.workersPort() + "/actuator/prometheus",
                "--tandem.api.dashboard.sources." + BlenderApplication.NAME + "=http://localhost:"
                        + options.blenderPort() + "/actuator/prometheus");
    }

    /**
     * Starts the service against the given Kafka, Redis and IP-reputation provider. The addresses are passed as
     * command-line arguments so that they win over the service's own configuration file (the provider's only
     * matters to enrichment-workers; the others ignore it); the JVM's shutdown hook is the caller's, so Spring's
     * and the logging system's are switched off. Defaults that a service's own file may override: the actuator
     * endpoints the banner names are exposed, and log lines carry no application name (the three services share
     * one logging system, which would tag every line with the first service's name).
     */
    ConfigurableApplicationContext run(String kafkaBootstrapServers, String redisUrl, String providerUrl) {
        var args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--spring.data.redis.url=" + redisUrl,
                "--" + PROVIDER_URL_PROPERTY + "=" + providerUrl,
                "--management.server.port="));
        args.addAll(arguments);
        return application().get()
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .properties("logging.register-shutdown-hook=false", "spring.main.log-startup-info=false",
                        "logging.include-application-name=false",
                        "management.endpoints.web.exposure.include=health,info,prometheus")
                .run(args.toArray(String[]::new));
    }
}
