package dev.tandem.benchmarks.hotpath;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.tandem.benchmarks.platform.AsynchronousHalfProcess;
import dev.tandem.benchmarks.platform.Services;
import dev.tandem.benchmarks.platform.Services.Service;
import dev.tandem.devserver.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Kafka broker, decision-api (with its floor endpoints) and the asynchronous half, placed as
 * {@code --asynchronous} says ({@link Asynchronous}), against a Redis and a provider the benchmark started. Close to
 * stop them, the last started first: the services before the broker they use.
 */
final class HotPathPlatform implements AutoCloseable {

    /** What payment-risk requires in the hybrid runs. */
    static final List<String> ENRICHERS = List.of("velocity", "ip-reputation");
    private static final String FLOOR_ENDPOINTS = "--tandem.api.floor-endpoints=true";
    /** How often the wait for the asynchronous path reads blender's counters in this JVM (a lookup). */
    private static final Duration IN_JVM_POLL = Duration.ofMillis(20);
    /** ... and in the second JVM: a scrape of its Prometheus endpoint, work for the half being waited for. */
    private static final Duration SCRAPE_POLL = Duration.ofMillis(250);
    /** The names the CPU table gives the JVMs. */
    static final String BENCHMARK_JVM = "benchmark JVM";
    static final String ASYNCHRONOUS_HALF = "asynchronous half";

    private final List<AutoCloseable> started;
    private final String bootstrapServers;
    private final Services api;
    private final Supplier<AsyncBacklog.Mark> ends;
    private final Duration poll;
    private final String where;
    private final Map<String, ProcessHandle> processes;

    private HotPathPlatform(List<AutoCloseable> started, String bootstrapServers, Services api,
            Supplier<AsyncBacklog.Mark> ends, Duration poll, String where, Map<String, ProcessHandle> processes) {
        this.started = started;
        this.processes = processes;
        this.bootstrapServers = bootstrapServers;
        this.api = api;
        this.ends = ends;
        this.poll = poll;
        this.where = where;
    }

    static HotPathPlatform start(Asynchronous mode, Path dir, String redisUrl, String providerBaseUrl, Path log,
            PrintStream out) throws Exception {
        var started = new ArrayList<AutoCloseable>();
        try {
            return switch (mode) {
                case SAME_JVM -> {
                    var kafka = started(started, KafkaBroker.start(0, dir.resolve("kafka")));
                    var services = started(started, Services.start(EnumSet.allOf(Service.class),
                            kafka.bootstrapServers(), redisUrl, providerBaseUrl, ENRICHERS, FLOOR_ENDPOINTS));
                    yield new HotPathPlatform(started, kafka.bootstrapServers(), services,
                            AsyncBacklog.endsIn(services.blenderMeters()), IN_JVM_POLL, mode.where(),
                            Map.of(BENCHMARK_JVM, ProcessHandle.current()));
                }
                case PROCESS -> {
                    var half = started(started, AsynchronousHalfProcess.start(redisUrl, providerBaseUrl, ENRICHERS,
                            dir.resolve("asynchronous-half"), log, out::println));
                    var services = started(started, Services.start(EnumSet.of(Service.DECISION_API),
                            half.bootstrapServers(), redisUrl, providerBaseUrl, ENRICHERS, FLOOR_ENDPOINTS));
                    yield new HotPathPlatform(started, half.bootstrapServers(), services, () -> {
                        Map<String, Long> finalised = half.finalised();
                        return new AsyncBacklog.Mark(finalised.getOrDefault("FINAL", 0L),
                                finalised.getOrDefault("TIMED_OUT", 0L));
                    }, SCRAPE_POLL, mode.where() + " (here " + half.priority().description() + ")",
                            orderedMap(BENCHMARK_JVM, ProcessHandle.current(), ASYNCHRONOUS_HALF, half.handle()));
                }
                case OFF -> {
                    var kafka = started(started, KafkaBroker.start(0, dir.resolve("kafka")));
                    var services = started(started, Services.start(EnumSet.of(Service.DECISION_API),
                            kafka.bootstrapServers(), redisUrl, providerBaseUrl, List.of(), FLOOR_ENDPOINTS));
                    yield new HotPathPlatform(started, kafka.bootstrapServers(), services,
                            () -> new AsyncBacklog.Mark(0, 0), IN_JVM_POLL, mode.where(),
                            Map.of(BENCHMARK_JVM, ProcessHandle.current()));
                }
            };
        } catch (Exception e) {
            try {
                closeAll(started);
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T started(List<AutoCloseable> started, T resource) {
        started.add(resource);
        return resource;
    }

    /** The JVMs of the platform, by the names the CPU table gives them: this one first. */
    Map<String, ProcessHandle> processes() {
        return processes;
    }

    private static Map<String, ProcessHandle> orderedMap(String firstName, ProcessHandle first, String secondName,
            ProcessHandle second) {
        var processes = new LinkedHashMap<String, ProcessHandle>();
        processes.put(firstName, first);
        processes.put(secondName, second);
        return processes;
    }

    /** Which process runs what, and at which priority. */
    String where() {
        return where;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    int apiPort() {
        return api.apiPort();
    }

    MeterRegistry apiMeters() {
        return api.apiMeters();
    }

    /** The wait for the asynchronous path: blender's end states wherever it runs, read as often as that allows. */
    AsyncBacklog backlog(LongSupplier unprocessed) {
        return new AsyncBacklog(ends, unprocessed, poll);
    }

    @Override
    public void close() throws Exception {
        closeAll(started);
    }

    /** Closes the last started first; every one is closed even when one fails. */
    private static void closeAll(List<AutoCloseable> started) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : started.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
