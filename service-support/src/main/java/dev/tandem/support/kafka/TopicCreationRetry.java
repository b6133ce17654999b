package dev.tandem.support.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Creates a service's topics on one daemon thread, attempt after attempt a fixed interval apart, until an attempt
 * says they are in place; then the thread ends. Spring's {@code KafkaAdmin} creates them once, when the context
 * starts, and only logs a failure: a service started while the broker is down would otherwise never create them, and
 * its producer's first metadata request could have a broker that auto-creates topics make one with its default of one
 * partition (ADR 0027).
 *
 * <p>An attempt returns {@code true} when the topics are in place and throws (or returns {@code false}) when they are
 * not; each failure is logged at WARN in one line, with its causes and no stack trace. {@link #close()} ends the
 * retries: it interrupts an attempt under way and waits a while for the thread to end. Thread-safe.
 */
final class TopicCreationRetry implements AutoCloseable {

    /**
     * Where the retries stand.
     *
     * @param inPlace whether an attempt succeeded
     * @param attempts attempts so far
     * @param lastFailure why the last attempt failed, as one line; {@code null} once the topics are in place
     */
    record Progress(boolean inPlace, int attempts, @Nullable String lastFailure) {
    }

    private static final LogAccessor LOG = new LogAccessor(TopicCreationRetry.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final BooleanSupplier attempt;
    private final Duration interval;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Progress progress = new Progress(false, 0, null);

    /**
     * @param attempt creates the topics that are missing; {@code true} when they are all in place
     * @param interval how long after a failed attempt the next one starts
     */
    TopicCreationRetry(BooleanSupplier attempt, Duration interval) {
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("the interval between attempts must be positive, was " + interval);
        }
        this.attempt = attempt;
        this.interval = interval;
        this.thread = Thread.ofPlatform().daemon().name("tandem-topics").unstarted(this::run);
    }

    /** Starts the first attempt, on the retries' own thread. Called at most once. */
    void start() {
        thread.start();
    }

    Progress progress() {
        return progress;
    }

    private void run() {
        for (int attempts = 1; !isClosed(); attempts++) {
            String failure;
            try {
                // an attempt cut short by the close may still say true (the admin calls swallow the interrupt)
                if (attempt.getAsBoolean() && !isClosed()) {
                    progress = new Progress(true, attempts, null);
                    LOG.info("Kafka topics in place (attempt " + attempts + ")");
                    return;
                }
                failure = "not created";
            } catch (RuntimeException ex) {
                failure = DeadLetterReason.of(ex);
            }
            progress = new Progress(false, attempts, failure);
            if (isClosed()) {
                return;
            }
            LOG.warn("Kafka topics not in place (attempt " + attempts + "), next attempt in " + interval + ": "
                    + failure);
            try {
                if (closed.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Whether the thread has ended (the topics are in place, or the retries were closed) within {@code timeout}, or
     * was never started.
     */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return thread.getState() == Thread.State.NEW || thread.join(timeout);
    }

    /** Ends the retries: no attempt starts after this, one under way is interrupted and waited for a while. */
    @Override
    public void close() {
        closed.countDown();
        thread.interrupt();
        try {
            if (!awaitStopped(CLOSE_WAIT)) {
                LOG.warn("Kafka topics: the attempt under way did not end within " + CLOSE_WAIT + " of the close");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
