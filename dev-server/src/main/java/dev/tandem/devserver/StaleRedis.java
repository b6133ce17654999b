package dev.tandem.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A redis-server left running by an earlier run whose JVM was killed (SIGKILL runs no shutdown hook): its pidfile
 * is still in the work directory, the process is alive, its command line is a redis-server, and the JVM that
 * started it is gone (a redis-server whose parent is a running JVM belongs to another run and is left alone).
 */
final class StaleRedis {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private StaleRedis() {
    }

    /**
     * Stops the redis-server named by {@code pidFile}, if it is still running and no running JVM owns it, and
     * removes the pidfile. A redis-server that a running JVM owns is left alone, pidfile and all.
     *
     * @return the process id that was stopped, empty when there was nothing to stop
     */
    static Optional<Long> stopIfRunning(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(StaleRedis::isRedisServer);
        if (process.isPresent() && !isOrphaned(process.get())) {
            return Optional.empty();
        }
        process.ifPresent(StaleRedis::stop);
        Files.deleteIfExists(pidFile);
        return process.map(ProcessHandle::pid);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isRedisServer(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().map(StaleRedis::namesRedisServer).orElse(false)
                || info.commandLine().map(StaleRedis::namesRedisServer).orElse(false);
    }

    /** Whether no running JVM owns the process any more (it was re-parented to init or a subreaper). */
    static boolean isOrphaned(ProcessHandle process) {
        return process.parent()
                .filter(ProcessHandle::isAlive)
                .flatMap(parent -> parent.info().command())
                .map(command -> !Path.of(command).getFileName().toString().startsWith("java"))
                .orElse(true);
    }

    private static boolean namesRedisServer(String command) {
        return command.contains("redis-server");
    }

    private static void stop(ProcessHandle process) {
        CompletableFuture<ProcessHandle> exited = process.onExit();
        process.destroy();
        try {
            exited.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            exited.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
