package dev.tandem.benchmarks.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.tandem.api.DecisionApiApplication;
import dev.tandem.blender.BlenderApplication;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import dev.tandem.workers.EnrichmentWorkersApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * decision-api, enrichment-workers and blender (or some of them) in this JVM with their default configuration, each
 * on a free port, against the given Kafka and Redis: started as it-tests' {@code TandemPlatform} and
 * {@code ./tandem up} start them. The ip-reputation enricher calls a provider: by default a simulator on a free port
 * that answers at once and never fails ({@link Behaviour#instant()}) unless told otherwise ({@link #provider()}), so
 * that benchmarks measure the platform with enrichers that cost nothing, not a provider. Close to stop them, the last
 * started first, then the simulator when these services started it.
 */
public final class Services implements AutoCloseable {

    /** The three services, in the order they start. */
    public enum Service {
        DECISION_API(DecisionApiApplication::application),
        ENRICHMENT_WORKERS(EnrichmentWorkersApplication::application),
        BLENDER(BlenderApplication::application);

        private final Supplier<SpringApplicationBuilder> application;

        Service(Supplier<SpringApplicationBuilder> application) {
            this.application = application;
        }
    }

    /** enrichment-workers and blender: the hybrid decision's asynchronous half. */
    public static final Set<Service> ASYNCHRONOUS_HALF = EnumSet.of(Service.ENRICHMENT_WORKERS, Service.BLENDER);

    private final List<Started> started;
    private final @Nullable ProviderSimulator provider;

    private record Started(Service service, ConfigurableApplicationContext context) {
    }

    private Services(List<Started> started, @Nullable ProviderSimulator provider) {
        this.started = started;
        this.provider = provider;
    }

    /**
     * The three services, with a provider simulator of their own.
     *
     * @param enrichers what payment-risk requires in this run
     * @param apiArguments more command-line arguments for decision-api alone, such as
     *        {@code --tandem.api.floor-endpoints=true}
     */
    public static Services start(String bootstrapServers, String redisUrl, List<String> enrichers,
            String... apiArguments) throws IOException {
        var provider = ProviderSimulator.start(0, Behaviour.instant());
        try {
            return start(EnumSet.allOf(Service.class), bootstrapServers, redisUrl, provider.baseUrl(), provider,
                    enrichers, apiArguments);
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    /**
     * Some of the services, calling the provider at {@code providerBaseUrl} (which they do not own): the benchmark
     * that runs decision-api in one process and the asynchronous half in another starts each half with this.
     */
    public static Services start(Set<Service> services, String bootstrapServers, String redisUrl,
            String providerBaseUrl, List<String> enrichers, String... apiArguments) {
        return start(services, bootstrapServers, redisUrl, providerBaseUrl, null, enrichers, apiArguments);
    }

    private static Services start(Set<Service> services, String bootstrapServers, String redisUrl,
            String providerBaseUrl, @Nullable ProviderSimulator owned, List<String> enrichers,
            String... apiArguments) {
        var started = new ArrayList<Started>();
        try {
            var inOrder = EnumSet.noneOf(Service.class);
            inOrder.addAll(services);
            for (Service service : inOrder) {
                started.add(new Started(service, run(service.application, bootstrapServers, redisUrl,
                        providerBaseUrl, enrichers, service == Service.DECISION_API ? apiArguments : new String[0])));
            }
        } catch (RuntimeException e) {
            new Services(started, null).close();
            throw e;
        }
        return new Services(List.copyOf(started), owned);
    }

    private static ConfigurableApplicationContext run(Supplier<SpringApplicationBuilder> application,
            String bootstrapServers, String redisUrl, String providerBaseUrl, List<String> enrichers,
            String... more) {
        String[] arguments = Stream.concat(Stream.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--spring.data.redis.url=" + redisUrl,
                "--management.server.port=", "--tandem.workers.ip-reputation.base-url=" + providerBaseUrl,
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
        return port(Service.DECISION_API);
    }

    /** The port a started service listens on (its actuator included). */
    public int port(Service service) {
        Integer port = context(service).getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException(service + " has no web server");
        }
        return port;
    }

    /** decision-api's meters (its feature cache's counters among them). */
    public MeterRegistry apiMeters() {
        return context(Service.DECISION_API).getBean(MeterRegistry.class);
    }

    /** blender's meters (outcomes finalised among them). */
    public MeterRegistry blenderMeters() {
        return context(Service.BLENDER).getBean(MeterRegistry.class);
    }

    /** The IP-reputation provider simulator these services started; {@link ProviderSimulator#behave} changes it. */
    public ProviderSimulator provider() {
        if (provider == null) {
            throw new IllegalStateException("these services call a provider they did not start");
        }
        return provider;
    }

    private ConfigurableApplicationContext context(Service service) {
        return started.stream().filter(s -> s.service() == service).findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " was not started here")).context();
    }

    @Override
    public void close() {
        for (Started service : started.reversed()) {
            service.context().close();
        }
        if (provider != null) {
            provider.close();
        }
    }
}
