package dev.tandem.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TopicCreationRetryTests {

    static final Duration SHORT = Duration.ofMillis(10);
    static final Duration WITHIN = Duration.ofSeconds(10);

    /** An attempt that fails as {@code KafkaAdmin.initialize()} does after the context started, until told not to. */
    static final class FakeAdmin {
        final AtomicInteger attempts = new AtomicInteger();
        final int failures;

        FakeAdmin(int failures) {
            this.failures = failures;
        }

        boolean initialize() {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("Could not configure topics",
                        new IllegalStateException("Timed out waiting for a node assignment"));
            }
            return true;
        }
    }

    @Test
    void failedAttempts_areRetried_untilOneSucceeds_thenTheThreadEnds() throws Exception {
        var admin = new FakeAdmin(3);
        try (var retry = new TopicCreationRetry(admin::initialize, SHORT)) {
            retry.start();

            assertThat(retry.awaitStopped(WITHIN)).as("stopped after the success").isTrue();
            assertThat(admin.attempts).hasValue(4);
            assertThat(retry.progress()).isEqualTo(new TopicCreationRetry.Progress(true, 4, null));
        }
    }

    @Test
    void aFirstAttemptThatSucceeds_isTheOnlyOne() throws Exception {
        var admin = new FakeAdmin(0);
        try (var retry = new TopicCreationRetry(admin::initialize, SHORT)) {
            retry.start();

            assertThat(retry.awaitStopped(WITHIN)).isTrue();
            assertThat(admin.attempts).hasValue(1);
            assertThat(retry.progress().inPlace()).isTrue();
        }
    }

    @Test
    void aFalseAnswer_isAFailureToo() throws Exception {
        var answers = new AtomicInteger();
        try (var retry = new TopicCreationRetry(() -> answers.incrementAndGet() > 2, SHORT)) {
            retry.start();

            assertThat(retry.awaitStopped(WITHIN)).isTrue();
            assertThat(answers).hasValue(3);
        }
    }

    @Test
    void whileFailing_theProgressSaysWhy_andClose_endsTheRetries() throws Exception {
        var admin = new FakeAdmin(Integer.MAX_VALUE);
        var retry = new TopicCreationRetry(admin::initialize, SHORT);
        retry.start();
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (retry.progress().attempts() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        TopicCreationRetry.Progress failing = retry.progress();
        retry.close();

        assertThat(failing.inPlace()).isFalse();
        assertThat(failing.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(failing.lastFailure()).isEqualTo("IllegalStateException: Could not configure topics; caused by "
                + "IllegalStateException: Timed out waiting for a node assignment");
        assertThat(retry.awaitStopped(Duration.ZERO)).as("stopped by the close").isTrue();
        int attempts = admin.attempts.get();
        Thread.sleep(5 * SHORT.toMillis()); // what would have been several more attempts
        assertThat(admin.attempts).hasValue(attempts);
    }

    @Test
    void close_interruptsAnAttemptUnderWay_andWaitsForIt() throws Exception {
        var underWay = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var retry = new TopicCreationRetry(() -> {
            underWay.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1)); // an admin call waiting for a broker that is down
            } catch (InterruptedException ex) {
                // as KafkaAdmin: the interrupt kept, false returned
                Thread.currentThread().interrupt();
                interrupted.countDown();
            }
            return false;
        }, Duration.ofMinutes(1));
        retry.start();
        assertThat(underWay.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        retry.close();

        assertThat(interrupted.getCount()).isZero();
        assertThat(retry.awaitStopped(Duration.ZERO)).isTrue();
        assertThat(retry.progress().inPlace()).isFalse();
    }

    @Test
    void close_duringAnAttemptThatStillSaysTrue_isNotTakenForTopicsInPlace() throws Exception {
        var underWay = new CountDownLatch(1);
        var retry = new TopicCreationRetry(() -> {
            underWay.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt(); // as spring-kafka's partition check: swallowed, and true
            }
            return true;
        }, Duration.ofMinutes(1));
        retry.start();
        assertThat(underWay.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        retry.close();

        assertThat(retry.awaitStopped(Duration.ZERO)).isTrue();
        assertThat(retry.progress().inPlace()).isFalse();
    }

    @Test
    void closedBeforeItStarted_neverAttempts() throws Exception {
        var admin = new FakeAdmin(0);
        var retry = new TopicCreationRetry(admin::initialize, SHORT);

        retry.close();
        retry.start();

        assertThat(retry.awaitStopped(WITHIN)).isTrue();
        assertThat(admin.attempts).hasValue(0);
    }

    @Test
    void theInterval_mustBePositive() {
        assertThatThrownBy(() -> new TopicCreationRetry(() -> true, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
