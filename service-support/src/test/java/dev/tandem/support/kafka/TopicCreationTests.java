package dev.tandem.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TopicCreationTests {

    @Test
    void started_retriesUntilTheTopicsAreInPlace_andSaysSoInHealth() {
        var attempts = new AtomicInteger();
        var creation = new TopicCreation(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("Could not configure topics");
            }
            return true;
        }, Duration.ofMillis(10), true);

        creation.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (creation.health().getStatus() != Status.UP && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Health health = creation.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("attempts", 2).doesNotContainKey("lastFailure");
        } finally {
            creation.stop();
        }
        assertThat(creation.isRunning()).isFalse();
    }

    @Test
    void disabled_attemptsNothing_andIsNotReportedAsWaiting() {
        var attempts = new AtomicInteger();
        var creation = new TopicCreation(() -> attempts.incrementAndGet() > 0, Duration.ofMillis(10), false);

        creation.start();
        creation.stop();

        assertThat(attempts).hasValue(0);
        assertThat(creation.isRunning()).isFalse();
        assertThat(creation.health().getStatus()).isEqualTo(Status.UP);
        assertThat(creation.health().getDetails()).containsKey("creation");
    }
}
