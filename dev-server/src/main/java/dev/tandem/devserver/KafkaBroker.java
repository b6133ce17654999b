package dev.tandem.devserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running in this JVM: one node in KRaft combined mode (broker and controller), one
 * PLAINTEXT listener on {@code localhost}, every internal topic with one replica.
 *
 * <p>The data directory holds {@code server.properties} and the log directory {@code logs/}. An empty directory is
 * formatted with a new cluster id; a directory formatted by an earlier start is reused as it is (a broker restart),
 * with the controller port recorded there. Callers that want a fresh cluster delete the directory first.
 *
 * <p>The broker logs through SLF4J; keep the {@code kafka} and {@code org.apache.kafka} loggers at WARN.
 * Not thread-safe for concurrent {@link #close()} and start; {@link #close()} is idempotent.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(KafkaRaftServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker and returns once it answers a metadata request.
     *
     * @param port the client port, or 0 for a free one (picked once)
     * @param dataDir where the broker keeps its configuration and logs; created when missing
     * @throws PortUnavailableException when {@code port} is held by another process
     * @throws IllegalStateException when the storage cannot be formatted or the broker does not come up
     */
    public static KafkaBroker start(int port, Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        int brokerPort = Ports.freeOrPick(port, "Kafka", "--kafka-port");
        Path configFile = dir.resolve(BrokerConfig.FILE_NAME);
        Path logDir = dir.resolve("logs");
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        int controllerPort = formatted
                ? BrokerConfig.recordedControllerPort(configFile).orElseGet(Ports::pickFree)
                : Ports.pickFree();
        var config = new BrokerConfig(brokerPort, controllerPort, logDir);
        config.write(configFile);
        if (!formatted) {
            format(configFile);
        }
        var server = new KafkaRaftServer(new KafkaConfig(config.toProperties(), false), Time.SYSTEM);
        var broker = new KafkaBroker(server, brokerPort, dir);
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.debug("Kafka broker on port {} with data in {}", brokerPort, dir);
        return broker;
    }

    private static void format(Path configFile) {
        var output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(), "--standalone"};
        int exit;
        try (var out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not format the Kafka storage: " + e.getMessage(), e);
        }
        if (exit != 0) {
            throw new IllegalStateException("Could not format the Kafka storage (exit " + exit + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker on port " + port + " did not answer within "
                    + READY_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /** {@code localhost:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The directory holding the broker's configuration and logs. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down and waits until it has stopped. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
