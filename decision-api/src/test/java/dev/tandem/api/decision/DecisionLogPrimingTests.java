package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** Priming over Kafka's own {@link MockProducer}, taught which lanes the broker knows. */
class DecisionLogPrimingTests {

    @Test
    void atStart_theMetadataOfEveryDecisionLaneIsFetched_onceEach() {
        var producer = new Broker(Set.copyOf(Topics.DECISION_LANES));

        new DecisionLogPriming(template(producer), Duration.ofSeconds(5)).start();

        assertThat(producer.asked).containsExactlyInAnyOrderElementsOf(Topics.DECISION_LANES);
    }

    @Test
    void aLaneTheBrokerDoesNotAnswerFor_isAskedAgainUntilTheTimeout_thenTheStartGoesOn() {
        var producer = new Broker(Set.of(Topics.DECISIONS));
        var priming = new DecisionLogPriming(template(producer), Duration.ofMillis(300));

        priming.start();

        assertThat(priming.isRunning()).isTrue();
        assertThat(producer.asked).filteredOn(Topics.DECISIONS::equals).hasSize(1);
        assertThat(producer.asked).filteredOn(Topics.DECISIONS_BULK::equals).isNotEmpty();
    }

    @Test
    void aProducerThatWouldWaitLongerThanTheTimeout_doesNotHoldTheStart_andItsWaitIsInterrupted() throws Exception {
        var producer = new Broker(Set.of(Topics.DECISIONS), Topics.DECISIONS_BULK); // max.block.ms of a minute, say
        var priming = new DecisionLogPriming(template(producer), Duration.ofMillis(300));

        Thread starting = Thread.ofPlatform().start(priming::start);

        assertThat(starting.join(Duration.ofSeconds(30))).as("the start went on while the producer waited").isTrue();
        assertThat(priming.isRunning()).isTrue();
        assertThat(producer.interrupted.await(30, TimeUnit.SECONDS)).as("the waiting ask was interrupted").isTrue();
        assertThat(producer.asked).filteredOn(Topics.DECISIONS_BULK::equals).hasSize(1);
    }

    @Test
    void aZeroTimeout_asksNothing() {
        var producer = new Broker(Set.copyOf(Topics.DECISION_LANES));
        var priming = new DecisionLogPriming(template(producer), Duration.ZERO);

        priming.start();

        assertThat(priming.isRunning()).isTrue();
        assertThat(producer.asked).isEmpty();
    }

    static KafkaTemplate<String, byte[]> template(MockProducer<String, byte[]> producer) {
        return new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
    }

    /** Knows the partitions of {@code known}; for any other topic it times out as a producer without metadata does. */
    static final class Broker extends MockProducer<String, byte[]> {

        final List<String> asked = new CopyOnWriteArrayList<>();
        final CountDownLatch interrupted = new CountDownLatch(1);
        private final Set<String> known;
        private final @Nullable String waitedFor;

        Broker(Set<String> known) {
            this(known, null);
        }

        /** @param waitedFor a topic whose metadata is waited for until the asking thread is interrupted */
        Broker(Set<String> known, @Nullable String waitedFor) {
            super(cluster(known), true, null, new StringSerializer(), new ByteArraySerializer());
            this.known = known;
            this.waitedFor = waitedFor;
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            asked.add(topic);
            if (topic.equals(waitedFor)) {
                try {
                    new CountDownLatch(1).await();
                }
                catch (InterruptedException ex) {
                    interrupted.countDown();
                    throw new InterruptException(ex); // as KafkaProducer answers an interrupt
                }
            }
            if (!known.contains(topic)) {
                throw new TimeoutException("Topic " + topic + " not present in metadata after 200 ms.");
            }
            return super.partitionsFor(topic);
        }

        private static Cluster cluster(Set<String> topics) {
            Node broker = new Node(0, "localhost", 9092);
            return new Cluster("test", List.of(broker), topics.stream().map(topic -> new PartitionInfo(topic, 0,
                    broker, new Node[] { broker }, new Node[] { broker })).toList(), Set.of(), Set.of());
        }
    }
}
