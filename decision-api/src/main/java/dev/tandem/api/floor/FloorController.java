package dev.tandem.api.floor;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /floor}: the two floors a decision's latency is measured against. {@code GET /floor/noop} answers a constant
 * without any I/O (the framework's cost: Jetty, Spring MVC, Jackson, the filters); {@code GET /floor/features/{id}}
 * reads the entity's features through the {@link FeatureStore} decisions use (the in-process cache in front of Redis),
 * waiting at most {@code tandem.api.feature-timeout} as a decision does (the I/O floor). Only for benchmarks: on when
 * {@code tandem.api.floor-endpoints=true}.
 */
@RestController
@RequestMapping(path = "/floor", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty(FloorController.ENABLED)
class FloorController {

    /** The property that turns the floor endpoints on; off by default. */
    static final String ENABLED = "tandem.api.floor-endpoints";

    /** What {@code /floor/noop} answers, always. */
    record Noop(String floor) {
    }

    /**
     * What {@code /floor/features/{id}} answers.
     *
     * @param known whether the store had the entity
     * @param values its features by name, as read (expired groups included)
     * @param degraded whether the read failed or missed the feature timeout, so that {@code values} are empty as a
     *        decision's would be (a decision then answers from defaults, marked degraded too)
     */
    record Features(String entityId, boolean known, Map<String, Double> values, boolean degraded) {
    }

    private static final Noop NOOP = new Noop("noop");

    private final FeatureStore features;
    private final String tenant;
    private final Duration timeout;

    FloorController(FeatureStore features, ApiProperties properties) {
        this.features = features;
        this.tenant = properties.tenant();
        this.timeout = properties.featureTimeout();
    }

    @GetMapping("/noop")
    Noop noop() {
        return NOOP;
    }

    @GetMapping("/features/{entityId}")
    Features features(@PathVariable String entityId) {
        try {
            EntityFeatures read = features.read(tenant, entityId).toCompletableFuture()
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Features(entityId, read.known(), new TreeMap<>(read.values()), false);
        } catch (TimeoutException | ExecutionException e) {
            return new Features(entityId, false, Map.of(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Features(entityId, false, Map.of(), true);
        }
    }
}
