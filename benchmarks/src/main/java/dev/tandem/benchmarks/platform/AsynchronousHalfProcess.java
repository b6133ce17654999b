package dev.tandem.benchmarks.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tandem.schemas.MetricNames;

/**
 * The hybrid decision's asynchronous half (the Kafka broker, enrichment-workers and blender: {@link AsynchronousHalf})
 * in a second JVM at the lowest CPU priority, so that on a shared host it gets the cores only when the synchronous
 * half leaves them, and with a heap and a garbage collector of its own. Its output goes to a log file; blender's
 * counters are read from its Prometheus endpoint. Close to stop it (its standard input is closed, then it is
 * terminated if it does not end).
 *
 * <p>The priority: Linux's {@code SCHED_IDLE} policy (set with {@code chrt} once it is up) where {@code chrt} is
 * found, else {@code nice -n 19}. Measured here (bench hotpath, 100 decisions/s): at nice 19 the decision's median
 * was that of the synchronous path alone but its p99 was not, and redis-server saw 14 ms "fast commands" (waits for
 * a core): under the kernel's EEVDF scheduler a nice-19 thread keeps a core for its time slice when a nice-0 thread
 * wakes, and an answer crosses several threads. A waking normal thread always preempts a {@code SCHED_IDLE} one.
 */
public final class AsynchronousHalfProcess implements AutoCloseable {

    /** How the second JVM's priority is lowered, in order of preference. */
    public enum Priority {
        /**
         * Linux's {@code SCHED_IDLE}: runs only on cores no normal thread wants, preempted at once by any. Set on
         * every thread once the JVM is up ({@code chrt -a --idle -p 0}; threads started later inherit it), not from
         * its start: a JVM started at {@code SCHED_IDLE} on a busy machine gets no core, and its services time out
         * connecting to Redis.
         */
        IDLE(List.of(), "SCHED_IDLE once up (chrt -a --idle -p 0)"),
        /** The lowest niceness, from the start: a small share of a busy core, but a whole time slice once running. */
        NICE(List.of("nice", "-n", "19"), "nice 19"),
        /** Neither tool was found. */
        NORMAL(List.of(), "normal priority (neither chrt nor nice found)");

        private final List<String> prefix;
        private final String description;

        Priority(List<String> prefix, String description) {
            this.prefix = prefix;
            this.description = description;
        }

        /** For the report, for example {@code nice 19}. */
        public String description() {
            return description;
        }

        private static final int LOWER_ATTEMPTS = 6;

        static Priority available() throws InterruptedException {
            if (succeeds(List.of("chrt", "--idle", "0", "true"))) {
                return IDLE;
            }
            return succeeds(List.of("nice", "-n", "19", "true")) ? NICE : NORMAL;
        }

        /**
         * Lowers the running JVM {@code pid} where that is done after its start: every thread, twice, so that a thread
         * started by one not yet lowered during the first pass is lowered by the second. A pass fails when a thread
         * ends between chrt listing the threads and lowering it (seen once in a run): it is tried again, up to
         * {@link #LOWER_ATTEMPTS} attempts in all.
         */
        void lower(long pid) throws InterruptedException {
            if (this != IDLE) {
                return;
            }
            var command = List.of("chrt", "-a", "--idle", "-p", "0", Long.toString(pid));
            int passes = 0;
            for (int attempt = 0; attempt < LOWER_ATTEMPTS && passes < 2; attempt++) {
                if (succeeds(command)) {
                    passes++;
                }
            }
            if (passes < 2) {
                throw new IllegalStateException("could not lower the asynchronous half's priority: "
                        + String.join(" ", command) + " failed " + (LOWER_ATTEMPTS - passes) + " of "
                        + LOWER_ATTEMPTS + " times");
            }
        }

        private static boolean succeeds(List<String> command) throws InterruptedException {
            try {
                return new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (IOException e) {
                return false; // not installed
            }
        }
    }

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Pattern STATUS = Pattern.compile(MetricNames.TAG_STATUS + "=\"([A-Z_]+)\"");
    private static final List<String> INHERITED_OPTIONS = List.of("--enable-native-access",
            "--sun-misc-unsafe-memory-access", "-Xms", "-Xmx");

    private final Process process;
    private final Thread killer;
    private final String bootstrapServers;
    private final URI blenderMetrics;
    private final Priority priority;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AsynchronousHalfProcess(Process process, Thread killer, String bootstrapServers, int blenderPort,
            Priority priority) {
        this.process = process;
        this.killer = killer;
        this.bootstrapServers = bootstrapServers;
        this.blenderMetrics = URI.create("http://localhost:" + blenderPort + "/actuator/prometheus");
        this.priority = priority;
    }

    /**
     * Starts the second JVM on this JVM's classpath and waits until its services are up (at most 3 minutes, with a
     * line of progress every 10 s). It is killed when it does not come up, and with this JVM however that ends.
     *
     * @param dataDirectory where its broker keeps its files; the caller deletes it
     * @param log where its output goes
     */
    public static AsynchronousHalfProcess start(String redisUrl, String providerBaseUrl, List<String> enrichers,
            Path dataDirectory, Path log, Consumer<String> progress) throws IOException, InterruptedException {
        Priority priority = Priority.available();
        var command = new ArrayList<String>();
        command.addAll(priority.prefix);
        command.addAll(javaCommand(dataDirectory, redisUrl, providerBaseUrl, enrichers));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // its standard input closing stops it too, more slowly and not when this JVM is killed
        Thread killer = new Thread(process::destroyForcibly, "asynchronous-half-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            progress.accept(String.format(Locale.ROOT, "  asynchronous half starting in a second JVM (pid %d, %s),"
                    + " output in %s ...", process.pid(), priority.description(), log));
            String[] ready = awaitReady(process, log, progress).split(" ");
            priority.lower(process.pid());
            return new AsynchronousHalfProcess(process, killer, ready[1], Integer.parseInt(ready[2]), priority);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Runtime.getRuntime().removeShutdownHook(killer);
            throw e;
        }
    }

    /** Its ready line ({@link AsynchronousHalf#READY}, the broker's address, blender's port). */
    private static String awaitReady(Process process, Path log, Consumer<String> progress)
            throws InterruptedException {
        var ready = new CompletableFuture<String>();
        Thread.ofPlatform().daemon().name("asynchronous-half-output").start(() -> copyOutput(process, log, ready));
        long start = System.nanoTime();
        while (true) {
            try {
                String line = ready.get(10, TimeUnit.SECONDS);
                String[] fields = line.split(" ");
                progress.accept(String.format(Locale.ROOT, "  asynchronous half up after %.1f s: Kafka %s, blender"
                        + " on port %s", (System.nanoTime() - start) / 1e9, fields[1], fields[2]));
                return line;
            } catch (TimeoutException e) {
                if (System.nanoTime() - start > START_LIMIT.toNanos()) {
                    throw new IllegalStateException("the asynchronous half did not start within " + START_LIMIT
                            + "; see " + log);
                }
                progress.accept(String.format(Locale.ROOT, "    still starting (%d s)",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)));
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static List<String> javaCommand(Path dataDirectory, String redisUrl, String providerBaseUrl,
            List<String> enrichers) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> INHERITED_OPTIONS.stream().anyMatch(option::startsWith))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AsynchronousHalf.class.getName(),
                dataDirectory.toAbsolutePath().toString(), redisUrl, providerBaseUrl, String.join(",", enrichers)));
        return command;
    }

    /** Copies the second JVM's output to the log, completing {@code ready} with its ready line. */
    private static void copyOutput(Process process, Path log, CompletableFuture<String> ready) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(AsynchronousHalf.READY + " ")) {
                    ready.complete(line);
                }
                file.println(line);
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
            return;
        }
        ready.completeExceptionally(new IllegalStateException("the asynchronous half ended before it was ready"
                + " (exit " + process.onExit().join().exitValue() + "); see " + log));
    }

    /** The address of the Kafka broker in the second JVM. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Its process (the JVM itself: {@code nice} execs it), for example to read its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The priority it runs at. */
    public Priority priority() {
        return priority;
    }

    /**
     * blender's {@code tandem.outcome.finalised} counts by status (FINAL, TIMED_OUT), summed over its other tags,
     * from one read of its Prometheus endpoint.
     */
    public Map<String, Long> finalised() {
        String name = MetricNames.OUTCOME_FINALISED.replace('.', '_') + "_total{";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(blenderMetrics)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("blender's metrics at " + blenderMetrics + " answered "
                        + response.statusCode());
            }
            var counts = new HashMap<String, Long>();
            response.body().lines().filter(line -> line.startsWith(name)).forEach(line -> {
                Matcher status = STATUS.matcher(line);
                if (status.find()) {
                    counts.merge(status.group(1),
                            (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum);
                }
            });
            return counts;
        } catch (IOException e) {
            throw new IllegalStateException("could not read blender's metrics at " + blenderMetrics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading blender's metrics", e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        http.close();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // this JVM is shutting down: the hook runs, on a process already ended
        }
    }
}
