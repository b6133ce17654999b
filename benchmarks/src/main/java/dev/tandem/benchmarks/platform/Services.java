package dev.tandem.benchmarks.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.tandem.api.DecisionApiApplication;
import dev.tandem.blender.BlenderApplication;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import dev.tandem.workers.EnrichmentWorkersApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * decision-api, enrichment-workers and blender in this JVM with their default configuration, each on a free port,
 * against the given Kafka and Redis: started as it-tests' {@code TandemPlatform} and {@code ./tandem up} start them.
 * The ip-reputation enricher calls a provider simulator on a free port that answers at once and never fails
 * ({@link Behaviour#instant()}) unless told otherwise ({@link #provider()}): benchmarks measure the platform with
 * enrichers that cost nothing, not a provider. Close to stop them, the last started first, then the simulator.
 */
public final class Services implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts;
    private final ProviderSimulator provider;

    private Services(List<ConfigurableApplicationContext> contexts, ProviderSimulator provider) {
        this.contexts = contexts;
        this.provider = provider;
    }

    /**
     * @param enrichers what payment-risk requires in this run
     * @param apiArguments more command-line arguments for decision-api alone, such as
     *        {@code --tandem.api.floor-endpoints=true}
     */
    public static Services start(String bootstrapServers, String redisUrl, List<String> enrichers,
            String... apiArguments) throws IOException {
        var provider = ProviderSimulator.start(0, Behaviour.instant());
        var started = new ArrayList<ConfigurableApplicationContext>();
        try {
            started.add(run(DecisionApiApplication::application, bootstrapServers, redisUrl, provider, enrichers,
                    apiArguments));
            started.add(run(EnrichmentWorkersApplication::application, bootstrapServers, redisUrl, provider,
                    enrichers));
            started.add(run(BlenderApplication::application, bootstrapServers, redisUrl, provider, enrichers));
        } catch (RuntimeException e) {
            new Services(started, provider).close();
            throw e;
        }
        return new Services(List.copyOf(started), provider);
    }

    private static ConfigurableApplicationContext run(Supplier<SpringApplicationBuilder> application,
            String bootstrapServers, String redisUrl, ProviderSimulator provider, List<String> enrichers,
            String... more) {
        String[] arguments = Stream.concat(Stream.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--spring.data.redis.url=" + redisUrl,
                "--management.server.port=", "--tandem.workers.ip-reputation.base-url=" + provider.baseUrl(),
                "--tandem.flows.payment-risk.required-enrichers=" + String.join(",", enrichers)), Stream.of(more))
                .toArray(String[]::new);
        return application.get()
                .properties("logging.include-application-name=false")
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(arguments);
    }

    /** {@code http://localhost:PORT} of decision-api. */
    public String apiBaseUrl() {
        return "http://localhost:" + apiPort();
    }

    /** The port decision-api listens on. */
    public int apiPort() {
        Integer port = contexts.getFirst().getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException("decision-api has no web server");
        }
        return port;
    }

    /** decision-api's meters (its feature cache's counters among them). */
    public MeterRegistry apiMeters() {
        return contexts.getFirst().getBean(MeterRegistry.class);
    }

    /** blender's meters (outcomes finalised among them). */
    public MeterRegistry blenderMeters() {
        return contexts.getLast().getBean(MeterRegistry.class);
    }

    /** The IP-reputation provider the enrichers call; {@link ProviderSimulator#behave} changes how it answers. */
    public ProviderSimulator provider() {
        return provider;
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : contexts.reversed()) {
            context.close();
        }
        provider.close();
    }
}
