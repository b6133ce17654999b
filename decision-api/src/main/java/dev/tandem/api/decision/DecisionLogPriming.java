package dev.tandem.api.decision;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tandem.schemas.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Fetches the producer's metadata of the decision lanes ({@link Topics#DECISION_LANES}) at start, before the web
 * server takes requests (and so before the instance is ready). Without it the first send to each lane waits for that
 * metadata, and on a busy broker it misses {@code max.block.ms} (200 ms) and leaves its announcement to the outbox
 * relay. The lanes are asked on a thread of their own, again every 100 ms while one is missing, and the start waits
 * for it {@code within} at most, whatever {@code max.block.ms} is: a broker that has not answered by then (it is down)
 * costs the start that long and no more. The asking thread is then interrupted, the instance starts, and its
 * announcements stay in the outbox until the broker is back (ADR 0014).
 */
final class DecisionLogPriming implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionLogPriming.class);
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration within;
    private volatile boolean running;

    /** @param within how long the start may wait for the metadata at most; zero skips priming */
    DecisionLogPriming(KafkaTemplate<String, byte[]> kafka, Duration within) {
        if (within.isNegative()) {
            throw new IllegalArgumentException("within must not be negative, was " + within);
        }
        this.kafka = kafka;
        this.within = within;
    }

    @Override
    public void start() {
        running = true;
        if (within.isZero()) {
            return;
        }
        long start = System.nanoTime();
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(Topics.DECISION_LANES);
        var failure = new AtomicReference<@Nullable RuntimeException>();
        Thread asking = Thread.ofVirtual().name("decision-log-priming")
                .start(() -> ask(missing, failure, start + within.toNanos()));
        try {
            if (!asking.join(within)) {
                asking.interrupt(); // a producer with a long max.block.ms is still waiting: the start goes on
            }
        }
        catch (InterruptedException ex) {
            asking.interrupt();
            Thread.currentThread().interrupt();
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (missing.isEmpty()) {
            log.atInfo().addKeyValue("lanes", Topics.DECISION_LANES).addKeyValue("tookMs", tookMillis)
                    .log("decision log's metadata fetched");
        }
        else {
            log.atWarn().setCause(failure.get()).addKeyValue("lanes", List.copyOf(missing))
                    .addKeyValue("tookMs", tookMillis)
                    .log("decision log's metadata not fetched at start (broker down?); starting anyway, "
                            + "announcements stay in the outbox until the broker answers");
        }
    }

    /** Asks for each lane in {@code missing} until none is, the deadline has passed or the thread is interrupted. */
    private void ask(Set<String> missing, AtomicReference<@Nullable RuntimeException> failure, long deadline) {
        while (true) {
            for (String lane : List.copyOf(missing)) {
                if (deadline - System.nanoTime() <= 0) {
                    return; // no ask begun that the start would only interrupt
                }
                try {
                    kafka.partitionsFor(lane);
                    missing.remove(lane);
                }
                catch (RuntimeException ex) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // the start went on: the broker's own answer, if any, stays the cause
                    }
                    failure.set(ex);
                }
            }
            long left = deadline - System.nanoTime();
            if (missing.isEmpty() || left <= 0 || !pause(Math.min(PAUSE_NANOS, left))) {
                return;
            }
        }
    }

    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts, so that no decision is taken before the metadata is there. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }
}
