package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tandem.api.resilience.Bulkhead;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.serde.AvroDeserializer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** The publisher over Kafka's own {@link MockProducer} (a broker stand-in from the Kafka clients, not a mock of ours). */
class KafkaDecisionPublisherTests {

    final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final KafkaDecisionPublisher publisher = new KafkaDecisionPublisher(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), Runnable::run,
            Bulkhead.create("decision-log", 2, meters), meters);

    @Test
    void anAnnouncementIsPublishedByteForByte_toItsPrioritysLane() {
        Outcome outcome = TestDecisions.provisional("d-1");
        OutboxEntry announcement = publisher.announcement(outcome, Map.of("merchantId", "m-1"));

        CompletableFuture<Void> published = publisher.publish(announcement).toCompletableFuture();
        producer.completeNext();

        assertThat(published).isCompleted();
        var sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo(Topics.decisions(outcome.priority()));
        assertThat(sent.key()).isEqualTo("d-1");
        DecisionMade event = new AvroDeserializer<>(DecisionMade.class).deserialize(sent.topic(), sent.value());
        assertThat(event.getDecisionId()).isEqualTo("d-1");
        assertThat(event.getAttributes()).containsEntry("merchantId", "m-1");
    }

    @Test
    void withAsManySendsInFlightAsTheBulkheadAllows_aPublishFailsAtOnceWithoutASend_andEndedSendsFreeTheirPlaces() {
        OutboxEntry announcement = publisher.announcement(TestDecisions.provisional("d-3"), Map.of());
        CompletableFuture<Void> first = publisher.publish(announcement).toCompletableFuture();
        CompletableFuture<Void> second = publisher.publish(announcement).toCompletableFuture();

        CompletableFuture<Void> refused = publisher.publish(announcement).toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(Bulkhead.Full.class)
                .hasMessageContaining("bulkhead decision-log full: 2 calls in flight");
        assertThat(producer.history()).hasSize(2);
        assertThat(meters.counter(MetricNames.BULKHEAD_REFUSED, MetricNames.TAG_BULKHEAD, "decision-log").count())
                .isEqualTo(1);

        producer.completeNext();
        producer.completeNext();
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(meters.get(MetricNames.BULKHEAD_IN_FLIGHT).gauge().value()).as("sends in flight").isZero();
    }

    @Test
    void whenHalfOfTheRecentSendsFailed_theCircuitOpens_andPublishesFailAtOnceWithoutASend() {
        OutboxEntry announcement = publisher.announcement(TestDecisions.provisional("d-2"), Map.of());
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Void> published = publisher.publish(announcement).toCompletableFuture();
            producer.errorNext(new TimeoutException("the broker is down"));
            assertThat(published).isCompletedExceptionally();
        }
        assertThat(publisher.circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int sends = producer.history().size();

        CompletableFuture<Void> refused = publisher.publish(announcement).toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.exceptionNow()).isInstanceOf(CallNotPermittedException.class);
        assertThat(producer.history()).hasSize(sends);
    }
}
