package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
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
    final KafkaDecisionPublisher publisher = new KafkaDecisionPublisher(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), Runnable::run, new SimpleMeterRegistry());

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
