package dev.tandem.workers.enrichment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.support.kafka.AvroListeners;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * One enricher's batch listener on {@code tandem.decisions}, in the enricher's own consumer group. For each poll:
 * keep the decisions whose flow requires the enricher, cut them into batches of the adaptive size, run each,
 * publish every result without waiting, then wait for all the acknowledgements before returning, so the offsets
 * are committed only after the results are in Kafka (at least once; a redelivery repeats idempotent work).
 *
 * <p>The consumer thread is the bulkhead: it does not poll while its batch is in the enricher, so at most one poll
 * ({@code max.poll.records}, the enricher's {@code max-batch}) is held per thread, never an unbounded buffer.
 * Failures that are not one decision's fault are thrown as {@link BatchListenerFailedException} at the first record
 * not yet done, so the error handler commits what was done and pauses the partitions before the rest is offered
 * again: an unreadable record goes to the dead-letter topic at once, an unavailable dependency (Kafka, or what the
 * enricher depends on) is waited for with back-off.
 */
final class EnricherListener implements BatchMessageListener<String, DecisionMade> {

    private static final Logger log = LoggerFactory.getLogger(EnricherListener.class);

    private final String enricher;
    private final EnrichmentRunner runner;
    private final BatchSizer sizer;
    private final EnrichmentMetrics metrics;
    private final KafkaTemplate<String, EnrichmentCompleted> results;
    private final Duration publishTimeout;

    EnricherListener(String enricher, EnrichmentRunner runner, BatchSizer sizer, EnrichmentMetrics metrics,
            KafkaTemplate<String, EnrichmentCompleted> results, Duration publishTimeout) {
        this.enricher = enricher;
        this.runner = runner;
        this.sizer = sizer;
        this.metrics = metrics;
        this.results = results;
        this.publishTimeout = publishTimeout;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, DecisionMade>> records) {
        int unreadable = firstUnreadable(records);
        List<DecisionMade> work = new ArrayList<>();
        for (ConsumerRecord<String, DecisionMade> record : records.subList(0, unreadable)) {
            if (record.value().getRequiredEnrichers().contains(enricher)) {
                work.add(record.value());
            }
        }
        var sends = new ArrayList<CompletableFuture<?>>();
        try {
            for (int from = 0; from < work.size();) {
                List<DecisionMade> batch = work.subList(from, Math.min(work.size(), from + sizer.size()));
                long start = System.nanoTime();
                List<EnrichmentCompleted> done = runner.run(batch);
                long nanos = System.nanoTime() - start;
                sizer.observe(batch.size(), nanos);
                metrics.batch(batch.size(), nanos);
                for (EnrichmentCompleted result : done) {
                    sends.add(send(result));
                }
                from += batch.size();
            }
            awaitAll(sends);
        } catch (DependencyException ex) {
            // nothing of this poll is known to be published: offer it all again once the dependency is back
            throw new BatchListenerFailedException(ex.getMessage(), ex, 0);
        } catch (RuntimeException ex) {
            // not one decision's fault either (a bug, a result that cannot be built): offer the whole poll again,
            // never dead-letter records whose results may be on Kafka already
            throw new BatchListenerFailedException(ex.toString(), ex, 0);
        }
        log.atDebug().addKeyValue("enricher", enricher).addKeyValue("records", records.size())
                .addKeyValue("enriched", work.size()).log("batch published");
        if (unreadable < records.size()) {
            throw new BatchListenerFailedException("unreadable record", AvroListeners.unreadable(records.get(unreadable)),
                    unreadable);
        }
    }

    /** Sends without waiting; a send the producer refuses at once (no metadata, full buffer) is the broker's fault. */
    private CompletableFuture<?> send(EnrichmentCompleted result) {
        try {
            return results.send(Topics.ENRICHMENTS, result.getDecisionId(), result);
        } catch (RuntimeException ex) {
            throw new DependencyException("kafka", "publishing a " + enricher + " result", ex);
        }
    }

    /** The index of the first record without a value (it could not be read), or the size when all were read. */
    private static int firstUnreadable(List<ConsumerRecord<String, DecisionMade>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).value() == null) {
                return i;
            }
        }
        return records.size();
    }

    private void awaitAll(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(publishTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException("kafka", "publishing " + enricher + " results (interrupted)", ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new DependencyException("kafka", "publishing " + sends.size() + " " + enricher + " results",
                    ex.getCause() != null ? ex.getCause() : ex);
        }
    }
}
