package dev.tandem.benchmarks.openloop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the open-loop generator costs: {@link LoadRun} at fixed rates against a {@link BareHttpServer} in a child process,
 * and the CPU this process (the generator, its JIT and GC included) used per request, read from the operating system
 * around each measured run, beside the server's; and how often its threads went to sleep per request (each sleep is
 * a wake-up to pay for: on a VM, a large part of the cost). A test-scope main, not a test:
 *
 * <pre>
 * java -cp benchmarks/target/test-classes:benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *   dev.tandem.benchmarks.openloop.GeneratorProbe [--rates 2000,5000,10000] [--seconds 10] [--warmup-seconds 3] \
 *   [--connections 128] [--server localhost:8080 --path /floor/noop [--server-pid 1234]]
 * </pre>
 *
 * <p>With {@code --server} it loads a server already running (for example decision-api in a JVM of its own, with
 * {@code --tandem.api.floor-endpoints=true}) with {@code GET --path} instead, and reads that server's CPU when
 * {@code --server-pid} names its process: the same generator against the bare server and against the real one, on
 * the same machine, tells the machine's floor from the server's.
 */
final class GeneratorProbe {

    private GeneratorProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> rates = List.of(2_000, 5_000, 10_000);
        int seconds = 10;
        int warmUpSeconds = 3;
        int connections = 128;
        String serverOption = null;
        String path = "/probe";
        Long serverPid = null;
        for (int a = 0; a + 1 < args.length; a += 2) {
            switch (args[a]) {
                case "--rates" -> rates = Arrays.stream(args[a + 1].split(",")).map(Integer::valueOf).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[a + 1]);
                case "--warmup-seconds" -> warmUpSeconds = Integer.parseInt(args[a + 1]);
                case "--connections" -> connections = Integer.parseInt(args[a + 1]);
                case "--server" -> serverOption = args[a + 1];
                case "--path" -> path = args[a + 1];
                case "--server-pid" -> serverPid = Long.valueOf(args[a + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        if (serverOption != null) {
            String[] hostPort = serverOption.split(":", 2);
            var address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            Long pid = serverPid;
            ProcessHandle running = pid == null ? null : ProcessHandle.of(pid).orElseThrow(
                    () -> new IllegalArgumentException("--server-pid: no process " + pid));
            probe(address, HttpRequests.get(serverOption, path), rates, seconds, warmUpSeconds, connections, running);
            return;
        }
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), BareHttpServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(reader.readLine()));
            probe(address, HttpRequests.get("localhost:" + address.getPort(), path), rates, seconds, warmUpSeconds,
                    connections, server.toHandle());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Each rate: a warm-up, then the measured run and its table row. */
    private static void probe(InetSocketAddress address, byte[] request, List<Integer> rates, int seconds,
            int warmUpSeconds, int connections, @Nullable ProcessHandle server)
            throws InterruptedException, IOException {
        System.out.println("| rate /s | achieved /s | generator CPU µs/request | generator sleeps/request"
                + " | server CPU µs/request | send lag p99 ms | p50 ms | p99 ms | max ms | errors"
                + " | load average (1 min) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int rate : rates) {
            LoadRun.run(address, new LoadRun.Plan(rate, Duration.ZERO, Duration.ofSeconds(warmUpSeconds),
                    connections, Duration.ofSeconds(5)), i -> request, (status, body) -> LoadRun.Kind.OK,
                    line -> { });
            System.out.println(measure(address, request, rate, seconds, connections, server));
        }
    }

    private static String measure(InetSocketAddress address, byte[] request, int rate, int seconds, int connections,
            @Nullable ProcessHandle server) throws InterruptedException, IOException {
        long generatorBefore = cpuNanos(ProcessHandle.current());
        long serverBefore = server == null ? 0 : cpuNanos(server);
        String loadBefore = loadAverage();
        var sleeps = new ArrayList<long[]>(); // at each progress line, while the run's threads are all alive
        LoadResult result = LoadRun.run(address, new LoadRun.Plan(rate, Duration.ZERO, Duration.ofSeconds(seconds),
                connections, Duration.ofSeconds(5)), i -> request,
                (status, body) -> status == 200 ? LoadRun.Kind.OK : LoadRun.Kind.FAILED,
                line -> sleeps.add(new long[] { System.nanoTime(), sleeps() }));
        double generator = (cpuNanos(ProcessHandle.current()) - generatorBefore) / 1e3 / result.sends();
        double sleepsPerRequest = sleeps.size() < 2 ? Double.NaN : (sleeps.getLast()[1] - sleeps.getFirst()[1])
                / ((sleeps.getLast()[0] - sleeps.getFirst()[0]) / 1e9 * rate);
        String served = server == null ? "—" : String.format(Locale.ROOT, "%.1f",
                (cpuNanos(server) - serverBefore) / 1e3 / result.sends());
        return String.format(Locale.ROOT, "| %,d | %,.0f | %.1f | %.2f | %s | %.2f | %.2f | %.2f | %.2f | %,d"
                + " | %s → %s |", rate, result.achievedPerSecond(), generator, sleepsPerRequest, served,
                result.sendLag().getValueAtPercentile(99) / 1000.0, result.millisAt(50), result.millisAt(99),
                result.latency().getMaxValue() / 1000.0, result.errorCount(), loadBefore, loadAverage());
    }

    /** user + system CPU time of a process, all its threads, from the operating system. */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    /**
     * The voluntary context switches of this process's threads (those alive now): how often they went to sleep. Read
     * between two progress lines of a run, so that its threads are counted whole.
     */
    private static long sleeps() {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
