package dev.tandem.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tandem.devserver.KafkaBroker;
import dev.tandem.devserver.RedisServerProcess;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real Kafka, one real Redis and one simulated IP-reputation provider for every test in this JVM, started on first
 * use and stopped by a shutdown hook. The provider simulator always runs in process, on a free port, answering at once
 * and never failing ({@link Behaviour#instant()}); a test that wants it slow or failing starts its own, so that the
 * shared one stays predictable for the others. Kafka and Redis each come from, in this order: an address in the environment ({@code TANDEM_KAFKA_BOOTSTRAP},
 * {@code TANDEM_REDIS_URL}); a Testcontainers container when a Docker engine answers ({@code apache/kafka:4.1.2},
 * {@code redis:7-alpine}); otherwise dev-server's in-process broker and redis-server on free ports. Which source
 * was used is logged and available from {@link #kafkaSource()} and {@link #redisSource()}.
 *
 * <p>The in-process servers keep their files under {@code target/tandem-it/} of the working directory; Kafka's
 * are wiped at each start, and a redis-server left there by a killed earlier run is stopped.
 *
 * <p>Thread-safe.
 */
public final class TestInfrastructure {

    /** Environment variable naming an existing Kafka's bootstrap servers. */
    public static final String KAFKA_ENV = "TANDEM_KAFKA_BOOTSTRAP";
    /** Environment variable naming an existing Redis ({@code redis://host:port}). */
    public static final String REDIS_ENV = "TANDEM_REDIS_URL";

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String REDIS_IMAGE = "redis:7-alpine";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final Path WORK_DIR = Path.of("target", "tandem-it").toAbsolutePath();

    private record Endpoint(String address, InfrastructureSource source) {
    }

    private static @Nullable Endpoint kafka;
    private static @Nullable Endpoint redis;
    private static @Nullable Boolean dockerAvailable;
    private static @Nullable ProviderSimulator provider;
    /** What was started here, stopped in reverse order at JVM exit (Kafka before Redis). */
    private static final List<AutoCloseable> started = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "tandem-it-infrastructure"));
    }

    private TestInfrastructure() {
    }

    /** Kafka's bootstrap servers, starting Kafka on first use. */
    public static synchronized String kafkaBootstrapServers() {
        return kafka().address();
    }

    /** Redis as {@code redis://host:port}, starting Redis on first use. */
    public static synchronized String redisUrl() {
        return redis().address();
    }

    /** The simulated IP-reputation provider's base URL ({@code http://localhost:PORT}), starting it on first use. */
    public static synchronized String providerUrl() {
        if (provider == null) {
            try {
                provider = ProviderSimulator.start(0, Behaviour.instant());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the IP-reputation provider simulator", e);
            }
            started.add(provider);
            log.info("Tests use the IP-reputation provider simulator at {}", provider.baseUrl());
        }
        return provider.baseUrl();
    }

    /** Where Kafka came from, starting it on first use. */
    public static synchronized InfrastructureSource kafkaSource() {
        return kafka().source();
    }

    /** Where Redis came from, starting it on first use. */
    public static synchronized InfrastructureSource redisSource() {
        return redis().source();
    }

    private static Endpoint kafka() {
        if (kafka == null) {
            kafka = startKafka();
            log.info("Tests use Kafka at {} ({})", kafka.address(), describe(kafka.source()));
        }
        return kafka;
    }

    private static Endpoint redis() {
        if (redis == null) {
            redis = startRedis();
            log.info("Tests use Redis at {} ({})", redis.address(), describe(redis.source()));
        }
        return redis;
    }

    private static Endpoint startKafka() {
        String given = System.getenv(KAFKA_ENV);
        if (given != null && !given.isBlank()) {
            return new Endpoint(given.strip(), InfrastructureSource.ENVIRONMENT);
        }
        if (dockerAvailable()) {
            // as every broker of ours: topics are created by their writers, never auto-created (ADR 0027)
            var container = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.start();
            started.add(container);
            return new Endpoint(container.getBootstrapServers(), InfrastructureSource.TESTCONTAINERS);
        }
        try {
            KafkaBroker broker = KafkaBroker.start(0, freshDir("kafka"));
            started.add(broker);
            return new Endpoint(broker.bootstrapServers(), InfrastructureSource.IN_PROCESS);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process Kafka broker", e);
        }
    }

    private static Endpoint startRedis() {
        String given = System.getenv(REDIS_ENV);
        if (given != null && !given.isBlank()) {
            return new Endpoint(given.strip(), InfrastructureSource.ENVIRONMENT);
        }
        if (dockerAvailable()) {
            // DEBUG (RedisSleeper's stalls) is off by default since Redis 7
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                    .withExposedPorts(6379).withCommand("redis-server", "--enable-debug-command", "yes");
            container.start();
            started.add(container);
            return new Endpoint("redis://" + container.getHost() + ":" + container.getMappedPort(6379),
                    InfrastructureSource.TESTCONTAINERS);
        }
        try {
            RedisServerProcess server = RedisServerProcess.start(0, WORK_DIR.resolve("redis"));
            started.add(server);
            return new Endpoint(server.url(), InfrastructureSource.IN_PROCESS);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process redis-server", e);
        }
    }

    private static boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }

    private static Path freshDir(String name) throws IOException {
        Path dir = WORK_DIR.resolve(name);
        Directories.deleteRecursively(dir);
        return dir;
    }

    private static String describe(InfrastructureSource source) {
        return switch (source) {
            case ENVIRONMENT -> "from the environment";
            case TESTCONTAINERS -> "Testcontainers";
            case IN_PROCESS -> "in process, no Docker engine found";
        };
    }

    private static synchronized void stopAll() {
        // Redis was started after Kafka only if asked for later; stop in the order Kafka, then Redis, then the rest
        started.sort((a, b) -> Integer.compare(stopRank(a), stopRank(b)));
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop {}: {}", resource, e.toString());
            }
        }
        started.clear();
    }

    private static int stopRank(AutoCloseable resource) {
        return resource instanceof RedisServerProcess ? 1 : 0;
    }
}
