package dev.tandem.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service (blender, enrichment-workers) in a child JVM, for tests that kill it the way the operating system would
 * ({@code SIGKILL}: no shutdown hook, no last commit, no last publish). The child runs this JVM's {@code java} on
 * this JVM's classpath with the service's application class as main class and the same arguments
 * {@link TandemPlatform} gives its services (free port, the test Kafka and Redis), then the caller's properties.
 *
 * <pre>{@code
 * try (var blender = ServiceProcess.start(BlenderApplication.class, Map.of("tandem.blender.consumer-group", group),
 *         log)) {
 *     ...
 *     blender.kill();
 * }
 * }</pre>
 *
 * <p>The child's standard output and error go to one file, never to the console. {@link #close()} kills it too,
 * and so does a shutdown hook should this JVM stop first. Not thread-safe.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-service-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the child and returns at once, before the service is up; wait for what the test needs (a consumer
     * group's assignment, say) and check {@link #isAlive()} while waiting.
     *
     * @param application the service's {@code @SpringBootApplication} class, whose {@code main} the child runs
     * @param properties Spring properties for the child, passed as {@code --key=value}
     * @param log the file for the child's output; its directory is created, an earlier file replaced
     */
    public static ServiceProcess start(Class<?> application, Map<String, String> properties, Path log) {
        var command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), application.getName(),
                "--logging.include-application-name=false", "--spring.main.banner-mode=off"));
        command.addAll(TandemPlatform.arguments(properties));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ServiceProcess(process, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start " + application.getSimpleName() + " as " + command.getFirst(), ex);
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where the child's output goes. */
    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the child's output, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException ex) {
            return "(could not read " + log + ": " + ex.getMessage() + ")";
        }
    }

    /**
     * The stacks of the child's threads now, from {@code jcmd <pid> Thread.print} (the {@code jcmd} beside this
     * JVM's {@code java}); also kept beside the log, with the suffix {@code .threads}.
     *
     * @throws IllegalStateException when jcmd fails or takes more than 30 s
     */
    public String threadDump() {
        Path jcmd = Path.of(java()).resolveSibling("jcmd");
        Path file = log.resolveSibling(log.getFileName() + ".threads");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            boolean done = dump.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                dump.destroyForcibly();
            }
            String output = Files.readString(file, StandardCharsets.UTF_8);
            if (!done || dump.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid() + " Thread.print failed: " + output);
            }
            return output;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not run " + jcmd, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted taking a thread dump of " + pid(), ex);
        }
    }

    /**
     * Kills the child with {@code SIGKILL} and waits until it is gone. Idempotent.
     *
     * @throws IllegalStateException when it is still running 30 s later
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("service process " + pid() + " still running after SIGKILL");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for service process " + pid() + " to die", ex);
        }
    }

    /**
     * The child's exit status once it has ended: on Linux and macOS, {@code 128 +} the signal that ended it
     * ({@code 137} for {@code SIGKILL}).
     *
     * @throws IllegalThreadStateException while it runs
     */
    public int exitValue() {
        return process.exitValue();
    }

    /** Kills the child ({@link #kill()}). */
    @Override
    public void close() {
        try {
            kill();
        }
        finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
            catch (IllegalStateException ex) {
                // this JVM is shutting down already: the hook runs anyway
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the command of this JVM is not known"));
    }
}
