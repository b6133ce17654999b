package dev.tandem.benchmarks.hotpath;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.ToLongFunction;

import dev.tandem.benchmarks.platform.AsynchronousHalfProcess;
import dev.tandem.benchmarks.platform.Services;
import dev.tandem.benchmarks.platform.Services.Service;
import dev.tandem.devserver.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Kafka broker, decision-api (with its floor endpoints) and the asynchronous half, placed as
 * {@code --asynchronous} says ({@link Asynchronous}), against a Redis and a provider the benchmark started. Close to
 * stop them: decision-api first, so that its producer can still reach the broker.
 */
final class HotPathPlatform implements AutoCloseable {

    /** What payment-risk requires in the hybrid runs. */
    static final List<String> ENRICHERS = List.of("velocity", "ip-reputation");
    private static final String FLOOR_ENDPOINTS = "--tandem.api.floor-endpoints=true";

    private final List<AutoCloseable> started;
    private final String bootstrapServers;
    private final Services api;
    private final ToLongFunction<String> finalised;
    private final String where;

    private HotPathPlatform(List<AutoCloseable> started, String bootstrapServers, Services api,
            ToLongFunction<String> finalised, String where) {
        this.started = started;
        this.bootstrapServers = bootstrapServers;
        this.api = api;
        this.finalised = finalised;
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
                            AsyncBacklog.finalisedIn(services.blenderMeters()), mode.where());
                }
                case PROCESS -> {
                    var half = started(started, AsynchronousHalfProcess.start(redisUrl, providerBaseUrl, ENRICHERS,
                            log, out::println));
                    var services = started(started, Services.start(EnumSet.of(Service.DECISION_API),
                            half.bootstrapServers(), redisUrl, providerBaseUrl, ENRICHERS, FLOOR_ENDPOINTS));
                    yield new HotPathPlatform(started, half.bootstrapServers(), services, half::finalised,
                            mode.where() + " (here " + half.priority().description() + ")");
                }
                case OFF -> {
                    var kafka = started(started, KafkaBroker.start(0, dir.resolve("kafka")));
                    var services = started(started, Services.start(EnumSet.of(Service.DECISION_API),
                            kafka.bootstrapServers(), redisUrl, providerBaseUrl, List.of(), FLOOR_ENDPOINTS));
                    yield new HotPathPlatform(started, kafka.bootstrapServers(), services, status -> 0,
                            mode.where());
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

    /** blender's {@code tandem.outcome.finalised} count of a status so far, wherever blender runs. */
    ToLongFunction<String> finalised() {
        return finalised;
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
