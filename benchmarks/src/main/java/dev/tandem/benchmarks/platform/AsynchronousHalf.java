package dev.tandem.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.tandem.benchmarks.platform.Services.Service;
import dev.tandem.devserver.KafkaBroker;

/**
 * The main of the second JVM that {@link AsynchronousHalfProcess} starts: a Kafka broker on a free port, then
 * enrichment-workers and blender against it and the given Redis and provider. Prints one line,
 * {@value #READY} followed by the broker's address and blender's port, once they are up, and stops when its standard
 * input ends (the benchmark closed it, or died).
 *
 * <p>Arguments: {@code <redis-url> <provider-base-url> <enrichers, comma-separated>}.
 */
public final class AsynchronousHalf {

    static final String READY = "tandem-asynchronous-half-ready";

    private AsynchronousHalf() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: AsynchronousHalf <redis-url> <provider-base-url> <enrichers>");
            System.exit(2);
        }
        List<String> enrichers = Arrays.stream(args[2].split(",")).filter(name -> !name.isBlank()).toList();
        Path dir = Files.createTempDirectory("tandem-asynchronous-half");
        try (var kafka = KafkaBroker.start(0, dir.resolve("kafka"));
                var services = Services.start(Services.ASYNCHRONOUS_HALF, kafka.bootstrapServers(), args[0], args[1],
                        enrichers)) {
            System.out.println(READY + " " + kafka.bootstrapServers() + " " + services.port(Service.BLENDER));
            System.out.flush();
            while (System.in.read() != -1) {
                // the benchmark holds our standard input open for as long as it needs us
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
