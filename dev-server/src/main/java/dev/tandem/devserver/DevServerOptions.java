package dev.tandem.devserver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.tandem.simulator.ProviderSimulator;

/** The options of {@code ./tandem up}. */
record DevServerOptions(boolean infraOnly, int kafkaPort, int redisPort, int simulatorPort, int apiPort,
        int workersPort, int blenderPort, Path dataDir, boolean help) {

    static final String USAGE = """
            Usage: ./tandem up [options]
              --infra-only           start only Kafka, Redis and the provider simulator (run the services
                                     from your IDE)
              --kafka-port <port>    Kafka client port (default 19092)
              --redis-port <port>    Redis port (default 16379)
              --simulator-port <port>
                                     the simulated IP-reputation provider's port (default 18090)
              --api-port <port>      decision-api port (default 8080)
              --workers-port <port>  enrichment-workers port (default 8081)
              --blender-port <port>  blender port (default 8082)
              --data-dir <dir>       where Kafka and Redis keep their files (default .tandem/);
                                     Kafka's data is wiped on every start
              --help                 show this help""";

    private static final Set<String> FLAGS = Set.of("--infra-only", "--help");
    private static final Set<String> VALUED = Set.of("--kafka-port", "--redis-port", "--simulator-port", "--api-port",
            "--workers-port", "--blender-port", "--data-dir");

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks a value or has a bad one
     */
    static DevServerOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (FLAGS.contains(name) || "-h".equals(name)) {
                given.put("-h".equals(name) ? "--help" : name, "true");
            } else if (VALUED.contains(name)) {
                String value = eq > 0 ? arg.substring(eq + 1) : (i + 1 < args.length ? args[++i] : "");
                if (value.isEmpty() || value.startsWith("--")) {
                    throw new IllegalArgumentException("Option " + name + " needs a value");
                }
                given.put(name, value);
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        return new DevServerOptions(given.containsKey("--infra-only"),
                port(given, "--kafka-port", 19092), port(given, "--redis-port", 16379),
                port(given, "--simulator-port", ProviderSimulator.DEFAULT_PORT),
                port(given, "--api-port", 8080), port(given, "--workers-port", 8081),
                port(given, "--blender-port", 8082),
                Path.of(given.getOrDefault("--data-dir", ".tandem")), given.containsKey("--help"));
    }

    private static int port(Map<String, String> given, String name, int defaultPort) {
        String value = given.get(name);
        if (value == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option " + name + " needs a port from 1 to 65535, not " + value);
    }
}
