package dev.tandem.devserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server as a child process, using the redis-server binary that embedded-redis ships. No persistence
 * ({@code --save "" --appendonly no}), bound to 127.0.0.1.
 *
 * <p>The work directory holds the binary ({@code bin/}), the pidfile {@code redis.pid} and the server's output
 * {@code redis.log}. If the JVM of an earlier run was killed, its redis-server is still running: the next
 * {@link #start} finds it through the pidfile, stops it and says so in one log line.
 *
 * <p>The owner must {@link #close()} it (there is deliberately no shutdown hook of its own, so that a caller can
 * stop Redis after the services that use it). embedded-redis's own {@code RedisServer} is not used for that
 * reason: it registers a shutdown hook that would stop Redis first.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String PID_FILE = "redis.pid";

    private final Process process;
    private final int port;
    private final Path workDir;

    private RedisServerProcess(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    /**
     * Starts redis-server and returns once it answers PING.
     *
     * @param port the port, or 0 for a free one (picked once)
     * @param workDir the directory for the binary, the pidfile and the log; created when missing
     * @throws PortUnavailableException when {@code port} is held by any process other than a stale redis-server of
     *     this work directory (one whose JVM is gone)
     * @throws IOException when the server cannot be started or does not answer in time
     */
    public static RedisServerProcess start(int port, Path workDir) throws IOException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        Path pidFile = dir.resolve(PID_FILE);
        stopStale(dir).ifPresent(pid -> log.warn("{}", staleReport(pid, pidFile)));
        int redisPort = port == 0 ? Ports.pickFree() : requireFree(port);
        Path binary = RedisBinary.extractTo(dir.resolve("bin"));
        Path logFile = dir.resolve("redis.log");
        Process process = new ProcessBuilder(command(binary, redisPort, pidFile, dir))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        var redis = new RedisServerProcess(process, redisPort, dir);
        try {
            redis.awaitReady(logFile);
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** The redis-server's process, for example to read the CPU time it used. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Stops a redis-server that a killed earlier run left behind in {@code workDir}, if there is one.
     *
     * @return its process id, empty when there was none
     */
    static Optional<Long> stopStale(Path workDir) throws IOException {
        return StaleRedis.stopIfRunning(workDir.toAbsolutePath().resolve(PID_FILE));
    }

    static String staleReport(long pid, Path pidFile) {
        return "Stopped a stale redis-server (pid " + pid + ") left running by an earlier run that was killed ("
                + pidFile + ")";
    }

    private static int requireFree(int port) {
        if (!Ports.isFree(port)) {
            throw new PortUnavailableException(port, "Port " + port + " for Redis is already in use by another"
                    + " process (a server that is not Tandem's, or the Redis of another Tandem that is running)."
                    + " Stop that process, or choose another port (./tandem up --redis-port <port>).");
        }
        return port;
    }

    private static List<String> command(Path binary, int port, Path pidFile, Path dir) {
        var command = new ArrayList<>(List.of(RedisBinary.launcher()));
        command.addAll(List.of(binary.toString(),
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--pidfile", pidFile.toString(),
                "--dir", dir.toString()));
        return command;
    }

    private void awaitReady(Path logFile) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited with " + process.exitValue()
                        + "; its output (" + logFile + ") ends with:\n" + tail(logFile));
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        throw new IOException("redis-server on port " + port + " did not answer PING within "
                + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    private boolean answersPing() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for redis-server", e);
        }
    }

    /** {@code redis://localhost:PORT}. */
    public String url() {
        return "redis://localhost:" + port;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The process id of the redis-server. */
    public long pid() {
        return process.pid();
    }

    /** The directory holding the binary, the pidfile and the log. */
    public Path workDir() {
        return workDir;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. Idempotent. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
