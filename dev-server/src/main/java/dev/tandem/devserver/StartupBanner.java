package dev.tandem.devserver;

import java.nio.file.Path;

/** What the local run prints once everything is up: where each piece is and how to stop it. */
final class StartupBanner {

    private StartupBanner() {
    }

    static String render(LocalStack stack, boolean infraOnly, long pid) {
        var b = new StringBuilder("\n");
        b.append(infraOnly ? "  Tandem infrastructure is up" : "  Tandem is up").append("  (one JVM, pid ")
                .append(pid).append(")\n\n");
        for (LocalStack.RunningService service : stack.services()) {
            String base = "http://localhost:" + service.spec().port();
            b.append(String.format("  %-19s %s%n", service.spec().name(), base));
            b.append(String.format("  %-19s   health   %s/actuator/health%n", "", base));
            b.append(String.format("  %-19s   metrics  %s/actuator/prometheus%n", "", base));
        }
        Path data = stack.dataDir();
        b.append(String.format("  %-19s %s   (KRaft, data in %s, wiped on every start)%n", "Kafka",
                stack.kafka().bootstrapServers(), data.resolve("kafka")));
        b.append(String.format("  %-19s %s   (no persistence, log in %s)%n", "Redis", stack.redis().url(),
                stack.redis().workDir().resolve("redis.log")));
        b.append(String.format("  %-19s %s/v1/ip/{ip}   (simulated; change it with POST %s/admin/behaviour)%n",
                "IP reputation", stack.simulator().baseUrl(), stack.simulator().baseUrl()));
        b.append('\n');
        if (infraOnly) {
            b.append("  Run a service from your IDE with\n")
                    .append("    --spring.kafka.bootstrap-servers=").append(stack.kafka().bootstrapServers())
                    .append(" --spring.data.redis.url=").append(stack.redis().url())
                    .append(" --").append(ServiceSpec.PROVIDER_URL_PROPERTY).append('=')
                    .append(stack.simulator().baseUrl()).append('\n');
        } else {
            b.append("  Try it:  ./tandem demo        (sample features and a stream of decisions)\n");
        }
        b.append("  Stop:    Ctrl-C  (stops the services, then the simulator, Kafka and Redis)\n");
        return b.toString();
    }
}
