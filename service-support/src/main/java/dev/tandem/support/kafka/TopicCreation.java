package dev.tandem.support.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;

/**
 * {@link TopicCreationRetry} started and stopped with the context: started after every singleton, so after
 * {@code KafkaAdmin}'s own attempt (whose outcome it cannot see, so its first attempt checks that one's work), and
 * stopped before any is destroyed. Its progress is the {@code kafkaTopics} health component: {@code UNKNOWN} while
 * the topics are not in place (the service answers meanwhile; the status of the whole stays that of the others),
 * {@code UP} once they are.
 */
final class TopicCreation implements SmartLifecycle {

    private final BooleanSupplier attempt;
    private final Duration interval;
    private final boolean enabled;
    private final AtomicReference<@Nullable TopicCreationRetry> retry = new AtomicReference<>();

    /**
     * @param attempt {@code KafkaAdmin.initialize()}: {@code true} when the topics are in place
     * @param enabled whether the context declares topics (with none, {@code initialize()} never returns true) and
     *        has {@code KafkaAdmin} create them ({@code spring.kafka.admin.auto-create}); if not, nothing is attempted
     */
    TopicCreation(BooleanSupplier attempt, Duration interval, boolean enabled) {
        this.attempt = attempt;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (enabled) {
            var started = new TopicCreationRetry(attempt, interval);
            retry.set(started);
            started.start();
        }
    }

    @Override
    public void stop() {
        Optional.ofNullable(retry.getAndSet(null)).ifPresent(TopicCreationRetry::close);
    }

    @Override
    public boolean isRunning() {
        return retry.get() != null;
    }

    Health health() {
        if (!enabled) {
            return Health.up().withDetail("creation", "disabled (no topics declared, or spring.kafka.admin.auto-create"
                    + " is false)").build();
        }
        TopicCreationRetry started = retry.get();
        if (started == null) {
            return Health.unknown().build();
        }
        TopicCreationRetry.Progress progress = started.progress();
        Health.Builder health = progress.inPlace() ? Health.up() : Health.unknown();
        health.withDetail("attempts", progress.attempts());
        if (progress.lastFailure() != null) {
            health.withDetail("lastFailure", progress.lastFailure());
        }
        return health.build();
    }
}
