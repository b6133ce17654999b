package dev.tandem.api.decision;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.tandem.api.resilience.Bulkhead;
import dev.tandem.api.resilience.Circuits;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.ModelRef;
import dev.tandem.schemas.serde.AvroSerializer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code DecisionMade} to its priority's lane ({@link Topics#decisions}), keyed by decision id, as the
 * bytes {@link AvroSerializer} makes (so an announcement kept in the outbox is published byte for byte as it was
 * encoded). Sends from a virtual thread: with the broker unreachable the producer may block for its {@code
 * max.block.ms}, and no request thread waits for that. A circuit breaker ({@value #CIRCUIT}) counts the sends: when
 * half of the last 20 failed it opens for 5 s, and meanwhile a publish fails at once without a send (the outbox
 * keeps the announcement); then 3 probes decide. Its state is {@code tandem.circuit.state{provider="decision-log"}}.
 * A bulkhead bounds the sends in flight: beyond it a publish fails at once, the outbox keeps the announcement, and a
 * slow broker never holds more virtual threads (and their events) than that.
 */
final class KafkaDecisionPublisher implements DecisionPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaDecisionPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroSerializer<DecisionMade> serializer = new AvroSerializer<>(DecisionMade.class);
    private final Executor sender;
    private final MeterRegistry meters;
    private final CircuitBreaker circuit;
    private final Bulkhead bulkhead;

    /** The circuit breaker's name, and the {@code provider} tag of its state. */
    static final String CIRCUIT = "decision-log";

    KafkaDecisionPublisher(KafkaTemplate<String, byte[]> kafka, Executor sender, Bulkhead bulkhead,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.bulkhead = bulkhead;
        this.sender = sender;
        this.meters = meters;
        this.circuit = Circuits.create(CIRCUIT, meters);
    }

    /** The breaker in front of the sends (for tests and the health of the log). */
    CircuitBreaker circuit() {
        return circuit;
    }

    @Override
    public OutboxEntry announcement(Outcome outcome, Map<String, Object> attributes) {
        byte[] event = serializer.serialize(Topics.decisions(outcome.priority()), toEvent(outcome, attributes));
        return new OutboxEntry(outcome.tenant(), outcome.decisionId(), outcome.priority(),
                Base64.getEncoder().encodeToString(event));
    }

    @Override
    public CompletionStage<Void> publish(OutboxEntry announcement) {
        CompletableFuture<Void> published = new CompletableFuture<>();
        byte[] event;
        try {
            event = Base64.getDecoder().decode(announcement.event());
        }
        catch (IllegalArgumentException unreadable) {
            failed(announcement, unreadable);
            published.completeExceptionally(unreadable);
            return published;
        }
        CompletionStage<Void> sent = bulkhead.call(() -> send(announcement, event));
        return sent.whenComplete((ignored, failure) -> {
            if (failure instanceof Bulkhead.Full) { // counted, not logged: the bulkhead's own metric tells
                meters.counter(MetricNames.DECISION_PUBLISH_FAILURES, MetricNames.TAG_PRIORITY,
                        announcement.priority().name()).increment();
            }
        });
    }

    /** Sends through the circuit breaker, from a virtual thread. */
    private CompletionStage<Void> send(OutboxEntry announcement, byte[] event) {
        CompletableFuture<Void> published = new CompletableFuture<>();
        if (!circuit.tryAcquirePermission()) {
            meters.counter(MetricNames.DECISION_PUBLISH_FAILURES, MetricNames.TAG_PRIORITY,
                    announcement.priority().name()).increment();
            published.completeExceptionally(CallNotPermittedException.createCallNotPermittedException(circuit));
            return published;
        }
        long start = System.nanoTime();
        try {
            sender.execute(() -> {
                try {
                    kafka.send(Topics.decisions(announcement.priority()), announcement.decisionId(), event)
                            .whenComplete((sent, failure) -> {
                                if (failure != null) {
                                    circuit.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
                                    failed(announcement, failure);
                                    published.completeExceptionally(failure);
                                } else {
                                    circuit.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                                    published.complete(null);
                                }
                            });
                }
                catch (RuntimeException ex) {
                    circuit.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
                    failed(announcement, ex);
                    published.completeExceptionally(ex);
                }
            });
        }
        catch (RuntimeException rejected) {
            circuit.releasePermission();
            failed(announcement, rejected);
            published.completeExceptionally(rejected);
        }
        return published;
    }

    private void failed(OutboxEntry announcement, Throwable failure) {
        meters.counter(MetricNames.DECISION_PUBLISH_FAILURES, MetricNames.TAG_PRIORITY,
                announcement.priority().name()).increment();
        log.atWarn().setCause(failure)
                .addKeyValue("decisionId", announcement.decisionId())
                .log("DecisionMade publish failed");
    }

    static DecisionMade toEvent(Outcome outcome, Map<String, Object> attributes) {
        return DecisionMade.newBuilder()
                .setDecisionId(outcome.decisionId())
                .setTenant(outcome.tenant())
                .setFlow(outcome.flow())
                .setEntityId(outcome.entityId())
                .setRequestId(outcome.requestId())
                .setPriority(outcome.priority())
                .setAttributes(Map.copyOf(attributes))
                .setFeatures(Map.copyOf(outcome.features()))
                .setVerdict(outcome.verdict())
                .setScore(outcome.score())
                .setModel(new ModelRef(outcome.model().name(), outcome.model().version()))
                .setRequiredEnrichers(outcome.requiredEnrichers())
                .setDegraded(outcome.degraded())
                .setReasons(outcome.reasons())
                .setEventTime(outcome.eventTime())
                .setDecidedAt(outcome.createdAt())
                .setDeadline(outcome.deadline())
                .build();
    }
}
