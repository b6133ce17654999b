package dev.tandem.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.tandem.benchmarks.platform.Services.Service;
import dev.tandem.devserver.KafkaBroker;

/**
 * The main of the second JVM that {@link AsynchronousHalfProcess} starts: a Kafka broker on a free port, then
 * enrichment-workers and blender against it and the given Redis and provider. Prints one line,
 * {@value #READY} followed by the broker's address and blender's port, once they are up, and stops when its standard
 * input ends (the benchmark closed it, or died).
 *
 * <p>Arguments: {@code <data-directory> <redis-url> <provider-base-url> <enrichers, comma-separated>}; the broker
 * keeps its files in the data directory, which the caller deletes (also when this JVM had to be killed).
 */
public final class AsynchronousHalf {

    static final String READY = "tandem-asynchronous-half-ready";

    private AsynchronousHalf() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: AsynchronousHalf <data-directory> <redis-url> <provider-base-url> <enrichers>");
            System.exit(2);
        }
        List<String> enrichers = Arrays.stream(args[3].split(",")).filter(name -> !name.isBlank()).toList();
        try (var kafka = KafkaBroker.start(0, Path.of(args[0], "kafka"));
                var services = Services.start(Services.ASYNCHRONOUS_HALF, kafka.bootstrapServers(), args[1], args[2],
                        enrichers)) {
            System.out.println(READY + " " + kafka.bootstrapServers() + " " + services.port(Service.BLENDER));
            System.out.flush();
            while (System.in.read() != -1) {
                // the benchmark holds our standard input open for as long as it needs us
            }
        }
    }
}
