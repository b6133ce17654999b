package dev.tandem.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.tandem.api.DecisionApiApplication;
import dev.tandem.blender.BlenderApplication;
import dev.tandem.workers.EnrichmentWorkersApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * decision-api, enrichment-workers and blender started in this JVM, each on a free port, against
 * {@link TestInfrastructure}'s Kafka, Redis and IP-reputation provider simulator. Close it to stop them (blender, then the workers, then the API).
 *
 * <pre>{@code
 * try (var platform = TandemPlatform.start()) {
 *     var response = http.send(post(platform.apiBaseUrl() + "/v1/decisions", ...));
 * }
 * }</pre>
 *
 * <p>Each service gets {@code server.port=0}, {@code spring.kafka.bootstrap-servers},
 * {@code spring.data.redis.url}, {@code tandem.workers.ip-reputation.base-url}, an empty {@code management.server.port} (actuator on the service port) and the
 * caller's extra properties, all as command-line arguments so that they win over the services' own configuration
 * files. Defaults the services' files may override: actuator exposes health, info and prometheus; log lines carry
 * no application name (the services share one logging system). Not thread-safe.
 */
public final class TandemPlatform implements AutoCloseable {

    private record Service(String name, ConfigurableApplicationContext context) {
    }

    /** Where enrichment-workers finds the IP-reputation provider. */
    public static final String PROVIDER_URL = "tandem.workers.ip-reputation.base-url";

    private final List<Service> services;

    private TandemPlatform(List<Service> services) {
        this.services = services;
    }

    /** Starts the three services with their default configuration. */
    public static TandemPlatform start() {
        return start(Map.of());
    }

    /**
     * Starts the three services; {@code properties} (for example shorter deadlines) apply to all three.
     *
     * @throws RuntimeException when a service fails to start; the ones already started are stopped
     */
    public static TandemPlatform start(Map<String, String> properties) {
        return start(properties, Map.of());
    }

    /**
     * Starts the three services as {@link #start(Map)} does, enrichment-workers and blender on ports picked here so
     * that decision-api's lag dashboard can be told where their {@code /actuator/prometheus} is before they start.
     */
    public static TandemPlatform startWithDashboardSources(Map<String, String> properties) {
        int workersPort = freePort();
        int blenderPort = freePort();
        return start(properties, Map.of(
                EnrichmentWorkersApplication.NAME, Map.of("server.port", Integer.toString(workersPort)),
                BlenderApplication.NAME, Map.of("server.port", Integer.toString(blenderPort)),
                DecisionApiApplication.NAME, Map.of(
                        "tandem.api.dashboard.sources.enrichment-workers",
                        "http://localhost:" + workersPort + "/actuator/prometheus",
                        "tandem.api.dashboard.sources.blender",
                        "http://localhost:" + blenderPort + "/actuator/prometheus")));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Starts the three services; {@code properties} apply to all three, then {@code byService} (keyed by service
     * name, such as {@link EnrichmentWorkersApplication#NAME}) to one of them, winning over {@code properties}: a
     * fixed {@code server.port} for one, the others' addresses for another.
     *
     * @throws RuntimeException when a service fails to start; the ones already started are stopped
     */
    public static TandemPlatform start(Map<String, String> properties, Map<String, Map<String, String>> byService) {
        var started = new ArrayList<Service>();
        try {
            started.add(run(DecisionApiApplication.NAME, DecisionApiApplication::application,
                    merged(properties, byService, DecisionApiApplication.NAME)));
            started.add(run(EnrichmentWorkersApplication.NAME, EnrichmentWorkersApplication::application,
                    merged(properties, byService, EnrichmentWorkersApplication.NAME)));
            started.add(run(BlenderApplication.NAME, BlenderApplication::application,
                    merged(properties, byService, BlenderApplication.NAME)));
        } catch (RuntimeException e) {
            new TandemPlatform(started).close();
            throw e;
        }
        return new TandemPlatform(List.copyOf(started));
    }

    private static Map<String, String> merged(Map<String, String> properties,
            Map<String, Map<String, String>> byService, String service) {
        var all = new LinkedHashMap<>(properties);
        all.putAll(byService.getOrDefault(service, Map.of()));
        return all;
    }

    /**
     * Starts blender alone, for tests of several blender instances; {@code properties} as for {@link #start(Map)}.
     * Of the accessors only {@link #blender()} and {@link #blenderBaseUrl()} answer.
     */
    public static TandemPlatform startBlender(Map<String, String> properties) {
        return new TandemPlatform(List.of(run(BlenderApplication.NAME, BlenderApplication::application, properties)));
    }

    /**
     * Starts decision-api alone, for tests of several replicas or of what it serves by itself; {@code properties} as for {@link #start(Map)}. Of
     * the accessors only {@link #api()} and {@link #apiBaseUrl()} answer.
     */
    public static TandemPlatform startApi(Map<String, String> properties) {
        return new TandemPlatform(List.of(run(DecisionApiApplication.NAME, DecisionApiApplication::application,
                properties)));
    }

    /**
     * Starts enrichment-workers alone, for tests that run the other services another way; {@code properties} as for
     * {@link #start(Map)}. Of the accessors only {@link #workersBaseUrl()} answers.
     */
    public static TandemPlatform startWorkers(Map<String, String> properties) {
        return new TandemPlatform(List.of(run(EnrichmentWorkersApplication.NAME,
                EnrichmentWorkersApplication::application, properties)));
    }

    /**
     * The command-line arguments every service gets: free port, the test Kafka, Redis and provider simulator, then
     * {@code properties}, which replace any of those they name (a property given twice on the command line would
     * bind as both values joined by a comma).
     */
    static List<String> arguments(Map<String, String> properties) {
        var all = new LinkedHashMap<String, String>();
        all.put("server.port", "0");
        all.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        all.put("spring.data.redis.url", TestInfrastructure.redisUrl());
        if (!properties.containsKey(PROVIDER_URL)) {
            all.put(PROVIDER_URL, TestInfrastructure.providerUrl());
        }
        all.put("management.server.port", "");
        all.putAll(properties);
        var args = new ArrayList<String>();
        all.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    private static Service run(String name, Supplier<SpringApplicationBuilder> application,
            Map<String, String> properties) {
        List<String> args = arguments(properties);
        ConfigurableApplicationContext context = application.get()
                .properties("logging.include-application-name=false",
                        "management.endpoints.web.exposure.include=health,info,prometheus")
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        return new Service(name, context);
    }

    /** {@code http://localhost:PORT} of decision-api. */
    public String apiBaseUrl() {
        return "http://localhost:" + port(api());
    }

    /** {@code http://localhost:PORT} of enrichment-workers (actuator). */
    public String workersBaseUrl() {
        return "http://localhost:" + port(workers());
    }

    /** {@code http://localhost:PORT} of blender (actuator). */
    public String blenderBaseUrl() {
        return "http://localhost:" + port(blender());
    }

    public ConfigurableApplicationContext api() {
        return context(DecisionApiApplication.NAME);
    }

    public ConfigurableApplicationContext workers() {
        return context(EnrichmentWorkersApplication.NAME);
    }

    public ConfigurableApplicationContext blender() {
        return context(BlenderApplication.NAME);
    }

    /** The port a service's web server listens on ({@code local.server.port}). */
    public static int port(ConfigurableApplicationContext context) {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException(context.getId() + " has no web server");
        }
        return port;
    }

    private ConfigurableApplicationContext context(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .map(Service::context)
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    /** Stops the services, the last started first. Idempotent. */
    @Override
    public void close() {
        for (Service service : services.reversed()) {
            service.context().close();
        }
    }
}
