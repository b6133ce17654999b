package dev.tandem.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.tandem.core.failure.DependencyException;
import dev.tandem.core.failure.UnprocessableException;
import dev.tandem.schemas.event.DecisionMade;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.util.backoff.BackOffExecution;

class AvroListenersTests {

    static final AvroListeners.Settings SETTINGS = new AvroListeners.Settings(1, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofMillis(500));

    @Test
    void dependencyBackOff_redisDown_retriesWithoutEnd() {
        var failure = new ListenerExecutionFailedException("x",
                new DependencyException("redis", "reading an outcome", new IllegalStateException("connection refused")));

        BackOffExecution execution = AvroListeners.dependencyBackOff(failure, SETTINGS).start();

        long last = 0;
        for (int i = 0; i < 1_000; i++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(10_000);
    }

    @Test
    void dependencyBackOff_otherFailures_keepTheBoundedDefault() {
        assertThat(AvroListeners.dependencyBackOff(new ListenerExecutionFailedException("x", new IllegalStateException()),
                SETTINGS)).isNull();
        assertThat(AvroListeners.dependencyBackOff(new UnprocessableException("gone"), SETTINGS)).isNull();
    }

    @Test
    void factory_tracksLag_andForgetsThePartitionsARebalanceTakesAway() {
        var factory = AvroListeners.factory(DecisionMade.class, Map.of(),
                AvroListeners.deadLetterProducerFactory(DecisionMade.class, Map.of()), SETTINGS, "test",
                new SimpleMeterRegistry());

        assertThat(factory.getContainerProperties().getConsumerRebalanceListener())
                .isInstanceOf(ConsumerLagTracker.class);
    }

    @Test
    void factory_commitsWhatTheListenerFinishedOnceAnInterval_andWaitsForTheCommit() {
        var factory = AvroListeners.factory(DecisionMade.class, Map.of(),
                AvroListeners.deadLetterProducerFactory(DecisionMade.class, Map.of()), SETTINGS, "test",
                new SimpleMeterRegistry());

        assertCommitsOnTheInterval(factory.getContainerProperties());
        assertThat(factory.getContainerProperties().isSyncCommits()).isTrue();
    }

    @Test
    void batchFactory_commitsWhatTheListenerFinishedOnceAnInterval_withoutHoldingUpThePolls() {
        var factory = AvroListeners.batchFactory(DecisionMade.class, Map.of(),
                AvroListeners.deadLetterProducerFactory(DecisionMade.class, Map.of()), SETTINGS, "test",
                new SimpleMeterRegistry(), new SimpleAsyncTaskScheduler());

        assertCommitsOnTheInterval(factory.getContainerProperties());
        assertThat(factory.getContainerProperties().isSyncCommits()).isFalse();
    }

    @Test
    void settings_commitIntervalUnder100Milliseconds_isRefused() {
        assertThatThrownBy(() -> new AvroListeners.Settings(1, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMillis(99))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commit interval must be at least 100ms");
    }

    /** Idle polls last at most the interval too, so a quiet partition's last offsets are not held for long. */
    private static void assertCommitsOnTheInterval(ContainerProperties container) {
        assertThat(container.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(container.getAckTime()).isEqualTo(SETTINGS.commitInterval().toMillis());
        assertThat(container.getPollTimeout()).isEqualTo(SETTINGS.commitInterval().toMillis());
    }
}
