package dev.tandem.benchmarks.hotpath;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.features.RedisFeatureStore;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.RedisOutcomeStore;
import dev.tandem.support.flow.FlowsConfiguration;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.WorkersProperties;
import dev.tandem.workers.ipreputation.IpReputationEnricher;
import dev.tandem.workers.velocity.VelocityEnricher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/**
 * The all-sync variant's parts, built as the services build theirs and from their own configuration files on the
 * classpath, in a small Spring context of its own: the flows and their models (service-support's
 * {@link FlowsConfiguration} over {@code tandem-flows.yml}), the velocity and ip-reputation enrichers
 * (enrichment-workers' own configuration classes over {@code enrichment-workers.yml}, the provider's URL replaced by
 * the simulator's the services call), decision-api's limits ({@code tandem.api}) and the Redis feature and outcome
 * stores, over one Lettuce connection of its own to the same Redis. Close to stop it.
 */
final class AllSyncContext implements AutoCloseable {

    private static final List<String> FILES = List.of("enrichment-workers.yml", "decision-api.yml",
            "tandem-flows.yml");

    private final AnnotationConfigApplicationContext context;
    private final RedisClient client;
    private final AllSyncDecider decider;
    private final String tenant;

    private AllSyncContext(AnnotationConfigApplicationContext context, RedisClient client, AllSyncDecider decider,
            String tenant) {
        this.context = context;
        this.client = client;
        this.decider = decider;
        this.tenant = tenant;
    }

    static AllSyncContext start(String redisUrl, String providerBaseUrl) throws IOException {
        RedisClient client = RedisClient.create(redisUrl);
        StatefulRedisConnection<String, String> connection = client.connect();
        var context = new AnnotationConfigApplicationContext();
        try {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            sources.addFirst(new MapPropertySource("bench-hotpath",
                    Map.of("tandem.workers.ip-reputation.base-url", providerBaseUrl)));
            for (String file : FILES) {
                new YamlPropertySourceLoader().load(file, new ClassPathResource(file)).forEach(sources::addLast);
            }
            var redis = new RootBeanDefinition();
            redis.setTargetType(ResolvableType.forClassWithGenerics(StatefulRedisConnection.class, String.class,
                    String.class));
            redis.setInstanceSupplier(() -> connection);
            context.registerBeanDefinition("redisConnection", redis);
            context.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
            context.register(FlowsConfiguration.class);
            context.scan("dev.tandem.workers.velocity", "dev.tandem.workers.ipreputation");
            context.refresh();

            Binder binder = Binder.get(context.getEnvironment());
            ApiProperties api = binder.bindOrCreate("tandem.api", ApiProperties.class);
            WorkersProperties workers = binder.bindOrCreate("tandem.workers", WorkersProperties.class);
            List<Enricher> enrichers = List.of(context.getBean(VelocityEnricher.class),
                    context.getBean(IpReputationEnricher.class));
            var timeouts = new LinkedHashMap<String, Duration>();
            enrichers.forEach(enricher -> timeouts.put(enricher.name(), workers.enricher(enricher.name()).timeout()));
            var decider = new AllSyncDecider(context.getBean(Flows.class), new RedisFeatureStore(connection.async()),
                    enrichers, new RedisOutcomeStore(connection.async(), api.outcomeTtl()),
                    new AllSyncDecider.Limits(api.featureTimeout(), api.storeTimeout(), timeouts), Clock.systemUTC());
            return new AllSyncContext(context, client, decider, api.tenant());
        } catch (IOException | RuntimeException e) {
            context.close();
            client.shutdown(); // closes the connection too
            throw e;
        }
    }

    AllSyncDecider decider() {
        return decider;
    }

    /** The tenant of requests, as decision-api's {@code tandem.api.tenant}. */
    String tenant() {
        return tenant;
    }

    /** Closes the context (and with it the connection, an {@code AutoCloseable} bean), then the client. */
    @Override
    public void close() {
        context.close();
        client.shutdown();
    }
}
