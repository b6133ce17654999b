package dev.tandem.benchmarks.enrichers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.tandem.benchmarks.merge.CpuClock;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.devserver.RedisServerProcess;
import dev.tandem.workers.deeprisk.DeepRiskEnricher;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnricherSettings;
import dev.tandem.workers.enrichment.WorkersProperties;
import dev.tandem.workers.velocity.ScriptScope;
import dev.tandem.workers.velocity.VelocityEnricher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * An enricher as the service builds it, with what it runs on, and its settings from {@code enrichment-workers.yml}
 * (the same file the service reads from the classpath). Closing it stops what it started.
 */
final class Subject implements AutoCloseable {

    private final String name;
    private final Enricher enricher;
    /** The velocity enricher with its script calls made per hash slot, as on a Redis Cluster. */
    static final String VELOCITY_BY_SLOT = "velocity-by-slot";

    private final EnricherSettings settings;
    private final String runsOn;
    private final List<AutoCloseable> resources;
    private final @Nullable CpuClock server;

    private Subject(String name, Enricher enricher, EnricherSettings settings, String runsOn,
            List<AutoCloseable> resources, @Nullable CpuClock server) {
        this.server = server;
        this.name = name;
        this.enricher = enricher;
        this.settings = settings;
        this.runsOn = runsOn;
        this.resources = resources;
    }

    /** @param clock what now is for velocity, whose events older than its retention are trimmed (the pool's days) */
    static Subject open(String name, Clock clock) throws IOException {
        Binder config = configuration();
        WorkersProperties workers = config.bindOrCreate("tandem.workers", WorkersProperties.class);
        return switch (name) {
            case DeepRiskEnricher.NAME -> deepRisk(config, workers.enricher(name));
            case VelocityEnricher.NAME -> velocity(config, workers.enricher(name), ScriptScope.BATCH, clock);
            case VELOCITY_BY_SLOT -> velocity(config, workers.enricher(VelocityEnricher.NAME), ScriptScope.SLOT,
                    clock);
            default -> throw new IllegalArgumentException("unknown enricher " + name);
        };
    }

    /** payment-risk-deep in a registry of its own, scored on the configured scoring threads and queue. */
    private static Subject deepRisk(Binder config, EnricherSettings settings) {
        String prefix = "tandem.workers.deep-risk.";
        String model = config.bind(prefix + "model.name", String.class).orElse("payment-risk-deep");
        String version = config.bind(prefix + "model.version", String.class).orElse("1");
        int threads = config.bind(prefix + "scoring-threads", Integer.class).orElse(1);
        int queued = config.bind(prefix + "queued-batches", Integer.class).orElse(8);
        List<String> required = config.bind(prefix + "required-inputs", String[].class).map(List::of)
                .orElse(List.of("amount"));
        var models = new ModelRegistry(null, Subject.class.getClassLoader());
        models.activate(model, version, m -> { });
        var scoring = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued), Thread.ofPlatform().name("deep-risk-scoring-", 0).factory());
        var enricher = new DeepRiskEnricher(models, model, Set.copyOf(required), scoring);
        return new Subject(DeepRiskEnricher.NAME, enricher, settings, model + " v" + version + ", " + threads
                + " scoring thread(s), " + queued + " queued batches at most", List.of(scoring::shutdownNow, models),
                null);
    }

    /**
     * The velocity script on a redis-server child on a free port, over one shared Lettuce connection; its calls
     * grouped as {@code scope} says ({@link #VELOCITY_BY_SLOT}: as a Redis Cluster would need them); now by
     * {@code clock}.
     */
    private static Subject velocity(Binder config, EnricherSettings settings, ScriptScope scope, Clock clock)
            throws IOException {
        Duration retention = config.bind("tandem.workers.velocity.retention", Duration.class)
                .orElse(Duration.ofHours(25));
        Path dir = Files.createTempDirectory("tandem-bench-enrichers");
        RedisServerProcess redis = RedisServerProcess.start(0, dir);
        RedisClient client = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> connection = client.connect();
        var enricher = new VelocityEnricher(connection.async(), retention, retention, clock, scope);
        String name = scope == ScriptScope.SLOT ? VELOCITY_BY_SLOT : VelocityEnricher.NAME;
        return new Subject(name, enricher, settings, "two script calls (record, write-back) per " + scope.name().toLowerCase(Locale.ROOT)
                + ", redis-server " + redis.url() + " (pid "
                + redis.pid() + "), one Lettuce connection", List.of(connection::close, client::shutdown, redis,
                        () -> delete(dir)), new CpuClock(redis.pid()));
    }

    private static Binder configuration() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("enrichment-workers.yml",
                new ClassPathResource("enrichment-workers.yml"));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    String name() {
        return name;
    }

    Enricher enricher() {
        return enricher;
    }

    EnricherSettings settings() {
        return settings;
    }

    /** The CPU clock of the server the enricher calls, or {@code null} when it calls none. */
    @Nullable CpuClock server() {
        return server;
    }

    /** What the enricher runs on, for the report. */
    String runsOn() {
        return runsOn;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }
}
