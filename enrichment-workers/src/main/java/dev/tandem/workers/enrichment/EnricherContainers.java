package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * One listener container per enricher on {@link Topics#DECISIONS}, each in the enricher's own consumer group
 * ({@link ConsumerGroups#enricher}) with its own threads, batch bounds and fetch settings, so a slow enricher
 * lags alone and never holds back the others. Started and stopped with the application context.
 */
final class EnricherContainers implements SmartLifecycle {

    private final List<ConcurrentMessageListenerContainer<String, DecisionMade>> containers = new ArrayList<>();
    private volatile boolean running;

    EnricherContainers(List<Enricher> enrichers, WorkersProperties properties,
            ConcurrentKafkaListenerContainerFactory<String, DecisionMade> factory,
            KafkaTemplate<String, EnrichmentCompleted> results, MeterRegistry meters, Clock clock) {
        for (Enricher enricher : enrichers) {
            EnricherSettings settings = properties.enricher(enricher.name());
            var sizer = new BatchSizer(settings.minBatch(), settings.maxBatch(), settings.latencyObjective());
            var metrics = new EnrichmentMetrics(meters, enricher.name(), sizer);
            var runner = new EnrichmentRunner(enricher, settings, metrics, clock, duration -> Thread.sleep(duration),
                    new Random());
            var listener = new EnricherListener(enricher.name(), runner, sizer, metrics, results,
                    properties.publishTimeout());
            containers.add(container(factory, enricher.name(), settings, listener));
        }
    }

    private static ConcurrentMessageListenerContainer<String, DecisionMade> container(
            ConcurrentKafkaListenerContainerFactory<String, DecisionMade> factory, String name,
            EnricherSettings settings, EnricherListener listener) {
        ConcurrentMessageListenerContainer<String, DecisionMade> container = factory.createContainer(Topics.DECISIONS);
        var consumer = new Properties();
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxBatch()));
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(settings.maxWait().toMillis()));
        consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(settings.fillBytes()));
        container.getContainerProperties().setKafkaConsumerProperties(consumer);
        container.getContainerProperties().setGroupId(ConsumerGroups.enricher(name));
        container.getContainerProperties().setClientId("enricher-" + name);
        container.getContainerProperties().setMessageListener(listener);
        container.setConcurrency(settings.concurrency());
        container.setBeanName("enricher-" + name);
        return container;
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
