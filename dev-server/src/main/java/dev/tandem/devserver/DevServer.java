package dev.tandem.devserver;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The all-in-one local run: a Kafka broker, a Redis server and the simulated IP-reputation provider on fixed ports,
 * then decision-api, enrichment-workers and blender in this JVM. {@code ./tandem up} runs it; {@code --help} lists the
 * options. Ctrl-C stops the services, then the simulator, then Kafka, then Redis.
 */
public final class DevServer {

    private DevServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        DevServerOptions options;
        try {
            options = DevServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(DevServerOptions.USAGE);
            return;
        }
        var stack = new LocalStack(options, new Progress(out));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "tandem-shutdown"));
        try {
            stack.lockDataDir();
            if (!options.infraOnly()) {
                stack.checkServicePorts();
            }
            stack.startKafka();
            stack.startRedis();
            stack.startSimulator();
            if (!options.infraOnly()) {
                stack.startServices();
            }
        } catch (Exception e) {
            System.err.println();
            System.err.println("Tandem could not start: " + describe(e));
            stack.close();
            System.exit(1);
        }
        out.println(StartupBanner.render(stack, options.infraOnly(), ProcessHandle.current().pid()));
        stopped.await();
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof PortUnavailableException)) {
            cause = cause.getCause();
        }
        if (cause instanceof PortUnavailableException) {
            return cause.getMessage();
        }
        String message = e instanceof IllegalStateException ? String.valueOf(e.getMessage()) : e.toString();
        return message + (cause != e ? "\n  caused by " + cause : "");
    }
}
