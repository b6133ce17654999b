package dev.tandem.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the local run has started so far, stopped in the order that keeps every piece's dependencies up while it
 * stops: the services, then the provider simulator, then Kafka, then Redis. Start and close are serialised, so a
 * Ctrl-C during start-up stops what has started and nothing starts after it.
 */
final class LocalStack implements AutoCloseable {

    private final DevServerOptions options;
    private final Progress progress;
    private final List<RunningService> services = new ArrayList<>();
    private @Nullable KafkaBroker kafka;
    private @Nullable RedisServerProcess redis;
    private @Nullable ProviderSimulator simulator;
    private @Nullable DataDirLock lock;
    private boolean closed;

    record RunningService(ServiceSpec spec, ConfigurableApplicationContext context) {
    }

    LocalStack(DevServerOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Takes the data directory, so that no second local run wipes it while this one uses it. */
    synchronized void lockDataDir() throws IOException {
        lock = DataDirLock.acquire(dataDir());
    }

    /** Fails fast, before anything starts, when a service port is taken. */
    void checkServicePorts() {
        Ports.freeOrPick(options.apiPort(), "decision-api", "--api-port");
        Ports.freeOrPick(options.workersPort(), "enrichment-workers", "--workers-port");
        Ports.freeOrPick(options.blenderPort(), "blender", "--blender-port");
    }

    synchronized void startKafka() throws Exception {
        requireOpen();
        Path dir = dataDir().resolve("kafka");
        kafka = progress.step("starting Kafka on " + options.kafkaPort(), "ready", () -> {
            Ports.freeOrPick(options.kafkaPort(), "Kafka", "--kafka-port");
            deleteRecursively(dir);
            return KafkaBroker.start(options.kafkaPort(), dir);
        });
    }

    synchronized void startRedis() throws Exception {
        requireOpen();
        Path dir = dataDir().resolve("redis");
        RedisServerProcess.stopStale(dir).ifPresent(pid ->
                progress.note(RedisServerProcess.staleReport(pid, dir.resolve("redis.pid"))));
        redis = progress.step("starting Redis on " + options.redisPort(), "ready",
                () -> RedisServerProcess.start(options.redisPort(), dir));
    }

    /** The IP-reputation provider's stand-in, answering as a real one would (latency, a few errors). */
    synchronized void startSimulator() throws Exception {
        requireOpen();
        simulator = progress.step("starting the IP-reputation provider simulator on " + options.simulatorPort(),
                "ready", () -> ProviderSimulator.start(Ports.freeOrPick(options.simulatorPort(),
                        "the IP-reputation provider simulator", "--simulator-port"), Behaviour.realistic()));
    }

    synchronized void startServices() throws Exception {
        for (ServiceSpec spec : ServiceSpec.all(options)) {
            requireOpen();
            ConfigurableApplicationContext context = progress.step("starting " + spec.name() + " on "
                    + spec.port(), "ready", () -> spec.run(kafka().bootstrapServers(), redis().url(),
                            simulator().baseUrl()));
            services.add(new RunningService(spec, context));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Stopped while starting");
        }
    }

    Path dataDir() {
        return options.dataDir().toAbsolutePath().normalize();
    }

    KafkaBroker kafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka has not been started");
        }
        return kafka;
    }

    RedisServerProcess redis() {
        if (redis == null) {
            throw new IllegalStateException("Redis has not been started");
        }
        return redis;
    }

    ProviderSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The provider simulator has not been started");
        }
        return simulator;
    }

    List<RunningService> services() {
        return List.copyOf(services);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RunningService service : services) {
            progress.stop(service.spec().name(), service.context()::close);
        }
        if (simulator != null) {
            progress.stop("the provider simulator", simulator::close);
        }
        if (kafka != null) {
            progress.stop("Kafka", kafka::close);
        }
        if (redis != null) {
            progress.stop("Redis", redis::close);
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                // the lock goes with the JVM anyway
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
