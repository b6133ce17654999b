package dev.tandem.api.decision;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes again the announcements that stay in the outbox longer than {@code relay-after}: their first publish
 * failed (the broker was down) or their instance died before the broker answered. Every instance relays every
 * entry it finds, so a decision may be announced twice; the enrichers and the blender apply each decision's results
 * once. One look at a time, on its own thread; a look that fails is logged and the next one tries again.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutcomeStore outcomes;
    private final DecisionPublisher publisher;
    private final ApiProperties.Outbox settings;
    private final Clock clock;
    private final Counter published;
    private final Counter failed;
    private final AtomicInteger backlog = new AtomicInteger();
    private volatile @Nullable ScheduledExecutorService looks;

    OutboxRelay(OutcomeStore outcomes, DecisionPublisher publisher, ApiProperties.Outbox settings,
            MeterRegistry meters, Clock clock) {
        this.outcomes = outcomes;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.published = Counter.builder(MetricNames.OUTBOX_RELAYED).tag(MetricNames.TAG_RESULT, "published")
                .description("outbox entries the relay published again").register(meters);
        this.failed = Counter.builder(MetricNames.OUTBOX_RELAYED).tag(MetricNames.TAG_RESULT, "failed")
                .description("outbox entries the relay published again").register(meters);
        Gauge.builder(MetricNames.OUTBOX_BACKLOG, backlog, AtomicInteger::get)
                .description("outbox entries older than relay-after at the relay's last look").register(meters);
    }

    /**
     * One look: publishes the entries older than {@code relay-after} and forgets each the broker took.
     *
     * @return how many the broker took
     */
    int relay() {
        List<OutboxEntry> due = outcomes.unpublished(clock.instant().minus(settings.relayAfter()),
                settings.relayBatch()).toCompletableFuture().join();
        backlog.set(due.size());
        var sends = due.stream().map(entry -> publishAndForget(entry)
                .handle((done, failure) -> {
                    (failure == null ? published : failed).increment();
                    return failure == null;
                }).toCompletableFuture()).toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        int took = (int) sends.stream().filter(CompletableFuture::join).count();
        if (!due.isEmpty()) {
            log.atInfo().addKeyValue("due", due.size()).addKeyValue("published", took)
                    .log("outbox relay published announcements again");
        }
        return took;
    }

    /** One entry: published, then forgotten; any failure, thrown or reported, fails only this entry. */
    private CompletableFuture<Void> publishAndForget(OutboxEntry entry) {
        try {
            return publisher.publish(entry).thenCompose(done -> outcomes.published(entry.tenant(),
                    entry.decisionId())).toCompletableFuture().orTimeout(30, TimeUnit.SECONDS);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay").daemon().factory());
        long every = settings.relayEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                relay();
            }
            catch (RuntimeException ex) {
                // an exception would cancel the schedule for good
                log.atWarn().setCause(ex).log("outbox relay look failed; trying again at the next");
            }
        }, every, every, TimeUnit.MILLISECONDS);
        looks = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = looks;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        looks = null;
    }

    @Override
    public boolean isRunning() {
        return looks != null;
    }
}
