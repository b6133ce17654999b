package dev.tandem.devserver;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The configuration of a single-node KRaft broker (combined broker and controller roles), kept as
 * {@code server.properties} in the broker's data directory so that a restart on the same directory finds the same
 * controller endpoint that the storage was formatted with.
 */
record BrokerConfig(int port, int controllerPort, Path logDir) {

    static final String FILE_NAME = "server.properties";
    private static final String QUORUM_BOOTSTRAP = "controller.quorum.bootstrap.servers";

    Properties toProperties() {
        var p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty(QUORUM_BOOTSTRAP, "localhost:" + controllerPort);
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // one node: every internal topic has one replica
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // topics are created by the services that write them, with their partitions (ADRs 0022 and 0027): a
        // producer's or consumer's metadata request must not create one with the default of one partition
        p.setProperty("auto.create.topics.enable", "false");
        // local runs and tests: no waiting for more members, small buffers
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        return p;
    }

    void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            toProperties().store(out, "Tandem in-process KRaft broker");
        }
    }

    /** The controller port recorded in an earlier {@code server.properties}, if there is one. */
    static Optional<Integer> recordedControllerPort(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String bootstrap = p.getProperty(QUORUM_BOOTSTRAP, "");
        int colon = bootstrap.lastIndexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(Integer.parseInt(bootstrap.substring(colon + 1)));
    }
}
