package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.testing.ManualClock;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class OutboxRelayTests {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    final ManualClock clock = new ManualClock(T0);
    final InMemoryOutcomeStore outcomes = new InMemoryOutcomeStore(clock);
    final TestDecisions.RecordingPublisher publisher = new TestDecisions.RecordingPublisher();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OutboxRelay relay = new OutboxRelay(outcomes, publisher,
            new ApiProperties.Outbox(Duration.ofSeconds(2), Duration.ofSeconds(1), 100), meters, clock);

    @Test
    void publishesWhatStayedLongerThanRelayAfter_andForgetsWhatTheBrokerTook() {
        Outcome old = keep("d-old");
        clock.set(T0.plusSeconds(1));
        keep("d-young");
        clock.set(T0.plusMillis(2500));

        assertThat(relay.relay()).isEqualTo(1);

        assertThat(publisher.published).containsExactly(old);
        assertThat(outcomes.unpublished(T0.plusSeconds(60), 10).toCompletableFuture().join())
                .extracting(OutboxEntry::decisionId).containsExactly("d-young");
        assertThat(meters.counter(MetricNames.OUTBOX_RELAYED, MetricNames.TAG_RESULT, "published").count())
                .isEqualTo(1);
    }

    @Test
    void whileTheBrokerIsDown_keepsEverything_andCountsTheFailures() {
        keep("d-1");
        keep("d-2");
        clock.set(T0.plusSeconds(3));
        publisher.down = true;

        assertThat(relay.relay()).isZero();
        assertThat(meters.get(MetricNames.OUTBOX_BACKLOG).gauge().value()).isEqualTo(2);
        assertThat(meters.counter(MetricNames.OUTBOX_RELAYED, MetricNames.TAG_RESULT, "failed").count())
                .isEqualTo(2);

        publisher.down = false;
        assertThat(relay.relay()).isEqualTo(2);
        assertThat(relay.relay()).isZero();
        assertThat(meters.get(MetricNames.OUTBOX_BACKLOG).gauge().value()).isZero();
    }

    private Outcome keep(String decisionId) {
        Outcome outcome = TestDecisions.provisional(decisionId);
        outcomes.create(outcome, publisher.announcement(outcome, Map.of())).toCompletableFuture().join();
        return outcome;
    }
}
