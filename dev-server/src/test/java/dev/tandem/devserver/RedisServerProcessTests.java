package dev.tandem.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RedisServerProcessTests {

    @TempDir
    Path workDir;

    @Test
    void start_freePort_answersOverLettuceWithoutPersistence() throws Exception {
        try (var redis = RedisServerProcess.start(0, workDir)) {
            assertThat(redis.url()).isEqualTo("redis://localhost:" + redis.port());
            assertThat(Files.readString(workDir.resolve("redis.pid")).trim()).isEqualTo(String.valueOf(redis.pid()));

            withRedis(redis.url(), commands -> {
                assertThat(commands.ping()).isEqualTo("PONG");
                commands.set("greeting", "hello");
                assertThat(commands.get("greeting")).isEqualTo("hello");
                assertThat(commands.configGet("save")).containsEntry("save", "");
                assertThat(commands.configGet("appendonly")).containsEntry("appendonly", "no");
            });
        }
    }

    @Test
    void close_stopsTheServerProcess() throws Exception {
        ProcessHandle process;
        try (var redis = RedisServerProcess.start(0, workDir)) {
            process = ProcessHandle.of(redis.pid()).orElseThrow();
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void start_staleServerOfAKilledRun_isStoppedReportedAndReplaced() throws Exception {
        int port = Ports.pickFree();
        ProcessHandle stale = startAsAKilledRunWouldLeaveIt(port);
        var log = captureLog();

        try (var redis = RedisServerProcess.start(port, workDir)) {
            assertThat(stale.onExit()).succeedsWithin(Duration.ofSeconds(5));
            assertThat(redis.pid()).isNotEqualTo(stale.pid());
            withRedis(redis.url(), commands -> assertThat(commands.ping()).isEqualTo("PONG"));
            assertThat(log.list).singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).asString()
                    .contains("Stopped a stale redis-server (pid " + stale.pid() + ")");
        } finally {
            stale.destroyForcibly();
            logger().detachAppender(log);
        }
    }

    @Test
    void start_serverOfARunningJvmInTheSameWorkDir_isLeftAloneAndThePortReported() throws Exception {
        try (var running = RedisServerProcess.start(0, workDir)) {

            assertThatThrownBy(() -> RedisServerProcess.start(running.port(), workDir))
                    .isInstanceOf(PortUnavailableException.class)
                    .hasMessageContaining("Port " + running.port() + " for Redis");
            withRedis(running.url(), commands -> assertThat(commands.ping()).isEqualTo("PONG"));
            assertThat(workDir.resolve("redis.pid")).exists();
        }
    }

    @Test
    void start_portHeldByAForeignProcess_failsNamingThePortAndHowToChooseAnother() throws Exception {
        try (var foreign = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = foreign.getLocalPort();

            assertThatThrownBy(() -> RedisServerProcess.start(port, workDir))
                    .isInstanceOf(PortUnavailableException.class)
                    .hasMessageContaining("Port " + port + " for Redis")
                    .hasMessageContaining("--redis-port");
        }
    }

    /**
     * A redis-server with its pidfile in the work directory whose parent is gone, as SIGKILL of the JVM leaves it:
     * started by a shell that puts it in the background and exits.
     */
    private ProcessHandle startAsAKilledRunWouldLeaveIt(int port) throws Exception {
        Path binary = RedisBinary.extractTo(workDir.resolve("bin"));
        Path pidFile = workDir.resolve("redis.pid");
        Process shell = new ProcessBuilder("sh", "-c", "\"$0\" \"$@\" >/dev/null 2>&1 &", binary.toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--pidfile", pidFile.toString(), "--dir", workDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).as("launching shell exited").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(pidFile) && !Ports.isFree(port)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Ports.isFree(port)).as("stale redis-server listening").isFalse();
        ProcessHandle stale = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();
        assertThat(StaleRedis.isOrphaned(stale)).as("stale redis-server orphaned").isTrue();
        return stale;
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger().addAppender(appender);
        return appender;
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(RedisServerProcess.class);
    }

    private static void withRedis(String url, Consumer<RedisCommands<String, String>> use) {
        RedisClient client = RedisClient.create(url);
        try (var connection = client.connect()) {
            use.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
