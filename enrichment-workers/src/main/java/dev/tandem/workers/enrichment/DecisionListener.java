package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.failure.UnprocessableException;
import dev.tandem.schemas.ConsumerGroups;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Consumes {@code DecisionMade} and publishes one {@code EnrichmentCompleted} per required enricher.
 * The offset is committed only after every result is acknowledged by the broker (at least once).
 */
class DecisionListener {

    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);

    private final EnrichmentRunner runner;
    private final KafkaTemplate<String, EnrichmentCompleted> results;
    private final Duration publishTimeout;
    private final MeterRegistry meters;

    DecisionListener(EnrichmentRunner runner, KafkaTemplate<String, EnrichmentCompleted> results, Duration publishTimeout,
            MeterRegistry meters) {
        this.runner = runner;
        this.results = results;
        this.publishTimeout = publishTimeout;
        this.meters = meters;
    }

    @KafkaListener(id = "enrichment-workers", idIsGroup = false, groupId = ConsumerGroups.ENRICHMENT_WORKERS,
            topics = Topics.DECISIONS, containerFactory = "decisionListenerFactory")
    void onDecision(ConsumerRecord<String, DecisionMade> record) {
        DecisionMade decision = record.value();
        if (decision == null) {
            throw new UnprocessableException("empty record (key " + record.key() + ") on " + record.topic());
        }
        long start = System.nanoTime();
        for (EnrichmentCompleted result : runner.run(decision)) {
            publish(result);
            Timer.builder(MetricNames.ENRICHMENT_DURATION)
                    .tag(MetricNames.TAG_ENRICHER, result.getEnricher())
                    .tag(MetricNames.TAG_STATUS, result.getStatus().name())
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            log.atDebug().addKeyValue("decisionId", result.getDecisionId()).addKeyValue("enricher", result.getEnricher())
                    .addKeyValue("status", result.getStatus()).log("enrichment published");
        }
    }

    private void publish(EnrichmentCompleted result) {
        try {
            results.send(Topics.ENRICHMENTS, result.getDecisionId(), result).get(publishTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException("kafka", "publishing an enrichment result (interrupted)", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new DependencyException("kafka", "publishing the " + result.getEnricher() + " result of "
                    + result.getDecisionId(), ex.getCause() != null ? ex.getCause() : ex);
        }
    }
}
