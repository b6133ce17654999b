package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Two listener containers per enricher, in the enricher's own consumer groups with its own threads, batch bounds
 * and fetch settings, so a slow enricher lags alone and never holds back the others: one on the urgent lane
 * ({@link Topics#DECISIONS}, CRITICAL and STANDARD decisions, group {@link ConsumerGroups#enricher}), one on the
 * BULK lane ({@link Topics#DECISIONS_BULK}, group {@link ConsumerGroups#enricherBulk}), whose partitions are paused
 * while the urgent lane is behind or busy ({@link LaneGate}, {@link BulkLaneSwitch}). Started and stopped with the application context.
 */
final class EnricherContainers implements SmartLifecycle {

    /** How often the BULK lanes are paused or resumed. */
    static final Duration LANE_CHECK = Duration.ofMillis(50);

    private final List<ConcurrentMessageListenerContainer<String, DecisionMade>> containers = new ArrayList<>();
    private final List<BulkLaneSwitch> switches = new ArrayList<>();
    private volatile @Nullable ScheduledExecutorService laneChecks;
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
            var gate = new LaneGate(properties.bulkYieldsAfter(), properties.bulkGrace(),
                    properties.bulkBelowBusy(), System::nanoTime);
            containers.add(container(factory, Topics.DECISIONS, ConsumerGroups.enricher(enricher.name()),
                    "enricher-" + enricher.name(), settings, new UrgentLaneListener(listener, gate, clock)));
            var bulk = container(factory, Topics.DECISIONS_BULK, ConsumerGroups.enricherBulk(enricher.name()),
                    "enricher-" + enricher.name() + "-bulk", settings, listener);
            // a pause is applied between polls: short polls let it take effect within a check or two
            bulk.getContainerProperties().setPollTimeout(2 * LANE_CHECK.toMillis());
            containers.add(bulk);
            var laneSwitch = new BulkLaneSwitch(gate, bulk);
            switches.add(laneSwitch);
            Gauge.builder(MetricNames.ENRICHMENT_BULK_PAUSED, laneSwitch, BulkLaneSwitch::paused)
                    .tag(MetricNames.TAG_ENRICHER, enricher.name())
                    .description("1 while the enricher's BULK lane is paused behind its urgent lane").register(meters);
            Gauge.builder(MetricNames.ENRICHMENT_URGENT_BUSY, gate, LaneGate::busyShare)
                    .tag(MetricNames.TAG_ENRICHER, enricher.name())
                    .description("share of the last second the enricher's urgent lane had a poll in hand")
                    .register(meters);
        }
    }

    private static ConcurrentMessageListenerContainer<String, DecisionMade> container(
            ConcurrentKafkaListenerContainerFactory<String, DecisionMade> factory, String topic, String group,
            String clientId, EnricherSettings settings, BatchMessageListener<String, DecisionMade> listener) {
        ConcurrentMessageListenerContainer<String, DecisionMade> container = factory.createContainer(topic);
        var consumer = new Properties();
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxBatch()));
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(settings.maxWait().toMillis()));
        consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(settings.fillBytes()));
        container.getContainerProperties().setKafkaConsumerProperties(consumer);
        container.getContainerProperties().setGroupId(group);
        container.getContainerProperties().setClientId(clientId);
        container.getContainerProperties().setMessageListener(listener);
        container.setConcurrency(settings.concurrency());
        container.setBeanName(clientId);
        return container;
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bulk-lanes").daemon().factory());
        for (BulkLaneSwitch laneSwitch : switches) {
            checks.scheduleWithFixedDelay(laneSwitch, 0, LANE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
        laneChecks = checks;
        running = true;
    }

    @Override
    public void stop() {
        ScheduledExecutorService checks = laneChecks;
        if (checks != null) {
            checks.shutdownNow();
        }
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
