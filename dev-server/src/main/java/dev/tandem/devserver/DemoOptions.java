package dev.tandem.devserver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The options of {@code ./tandem demo}. */
record DemoOptions(int count, double ratePerSecond, String apiUrl, String redisUrl, Duration finalTimeout,
        boolean help) {

    static final String USAGE = """
            Usage: ./tandem demo [options]
              --count <n>        decisions to send (default 20)
              --rate <n>         decisions per second (default 2)
              --api <url>        decision-api base URL (default http://localhost:8080)
              --redis <url>      Redis URL for the sample features (default redis://localhost:16379)
              --wait <seconds>   how long to wait for final answers (default 30)
              --help             show this help""";

    private static final Set<String> VALUED = Set.of("--count", "--rate", "--api", "--redis", "--wait");

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks a value or has a bad one
     */
    static DemoOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if ("--help".equals(name) || "-h".equals(name)) {
                given.put("--help", "true");
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
        return new DemoOptions((int) positive(given, "--count", 20), positive(given, "--rate", 2),
                given.getOrDefault("--api", "http://localhost:8080"),
                given.getOrDefault("--redis", "redis://localhost:16379"),
                Duration.ofMillis((long) (positive(given, "--wait", 30) * 1000)), given.containsKey("--help"));
    }

    private static double positive(Map<String, String> given, String name, double defaultValue) {
        String value = given.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            double number = Double.parseDouble(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option " + name + " needs a positive number, not " + value);
    }
}
