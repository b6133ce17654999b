package dev.tandem.api.decision;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tandem.api.resilience.Bulkhead;
import dev.tandem.api.watch.OutcomeEvent;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.flow.Flow;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.model.Prediction;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.core.outcome.OutcomeStore.CreateResult;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import dev.tandem.schemas.event.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Makes a provisional decision: validates, reads the entity's online features once, scores with the flow's fast
 * model, stores outcome v1 together with the event that announces it (an outbox entry) and publishes that event
 * without waiting for Kafka; once Kafka has it the entry goes, and a relay publishes the entries that stay. A
 * decision is acknowledged when it is durable in Redis (outcome and outbox entry) or, when Redis fails, in the
 * decision log (ADR 0014). Plain Java over ports; thread-safe.
 */
final class DecisionService {

    /**
     * Limits from the settings.
     *
     * @param features how long to wait for the online features
     * @param store how long to wait for the outcome store
     * @param storeReserve the share of a request's timeout kept for storing the outcome
     * @param maxClockSkew how far in the future an event time may lie
     * @param maxEventAge how far in the past an event time may lie
     * @param republishAfter when a repeated request finds its decision still provisional after this long, the
     *        decision is published again
     */
    record Limits(Duration features, Duration store, Duration storeReserve, Duration maxClockSkew,
            Duration maxEventAge, Duration republishAfter) {
    }

    private final Flows flows;
    private final FeatureStore features;
    private final OutcomeStore outcomes;
    private final DecisionPublisher publisher;
    private final Limits limits;
    private final DecisionMetrics metrics;
    private final Clock clock;

    /** What decisions report beyond their answers. */
    interface DecisionMetrics {

        /** How old a feature group was when a decision of {@code flow} used it. */
        void featureAge(String flow, String group, Duration age);

        /** A decision of {@code flow} was made durable through the decision log alone: the outcome store failed. */
        void loggedOnly(String flow);
    }

    DecisionService(Flows flows, FeatureStore features, OutcomeStore outcomes, DecisionPublisher publisher,
            Limits limits, DecisionMetrics metrics, Clock clock) {
        this.flows = flows;
        this.features = features;
        this.outcomes = outcomes;
        this.publisher = publisher;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Decides, or returns the decision already made for the same flow and request id.
     *
     * @throws DecisionExceptions.InvalidRequest when fields are missing or wrong (nothing is written)
     * @throws DecisionExceptions.UnknownFlow when the flow is not configured (nothing is written)
     * @throws DecisionExceptions.StoreUnavailable when the outcome cannot be stored
     */
    CreateResult decide(String tenant, DecisionRequest request) {
        return decide(tenant, request, null, System.nanoTime());
    }

    /**
     * Decides within the request's timeout: the flow's, or {@code requestedTimeout} when that is shorter. The
     * features are waited for until the timeout less the store's reserve (never longer than the feature timeout);
     * when they do not come by then the decision is made from defaults, {@code degraded}. The store then gets what
     * remains, at least its reserve.
     *
     * @param requestedTimeout what the caller asked for ({@code X-Request-Timeout}); {@code null} for the flow's
     * @param arrivedAt {@link System#nanoTime()} when the request arrived
     */
    CreateResult decide(String tenant, DecisionRequest request, @Nullable Duration requestedTimeout,
            long arrivedAt) {
        Flow flow = requireFlow(request);
        Duration timeout = flow.definition().requestTimeout();
        if (requestedTimeout != null && requestedTimeout.compareTo(timeout) < 0) {
            timeout = requestedTimeout;
        }
        long deadline = arrivedAt + timeout.toNanos();
        Instant now = clock.instant();
        FlowDefinition.Validated attributes = validate(request, flow.definition(), now);
        String decisionId = decisionId(tenant, flow.name(), request.requestId());

        var reasons = new ArrayList<String>();
        boolean degraded = false;
        var raw = new HashMap<String, Double>();
        List<String> entities = flow.definition().entitiesToRead(request.entityId(), attributes.values());
        long featureWait = Math.min(limits.features().toNanos(),
                deadline - limits.storeReserve().toNanos() - System.nanoTime());
        boolean cutByTimeout = featureWait < limits.features().toNanos();
        try {
            if (featureWait <= 0) {
                throw new TimeoutException();
            }
            List<EntityFeatures> read = await(features.readAll(tenant, entities,
                    flow.definition().cacheAge(ChronoUnit.FOREVER.getDuration())).toCompletableFuture(),
                    Duration.ofNanos(featureWait));
            useFeatures(flow, entities, read, now, raw, reasons);
        }
        catch (TimeoutException | ExecutionException ex) {
            degraded = true;
            reasons.add(ex instanceof TimeoutException && cutByTimeout
                    ? "online features not read within the request's timeout of " + human(timeout) + "; defaults used"
                    : "online features unavailable (" + describe(ex) + "); defaults used");
        }
        raw.putAll(attributes.numericValues());
        Prediction prediction = flow.predictFast(raw);
        reasons.addAll(prediction.reasons());
        Verdict verdict = flow.definition().thresholds().verdictFor(prediction.score());
        List<String> required = flow.definition().requiredEnrichers();
        OutcomeStatus status = required.isEmpty() ? OutcomeStatus.FINAL : OutcomeStatus.PROVISIONAL;
        Instant eventTime = request.eventTime() != null ? request.eventTime() : now;
        Priority priority = request.priority() != null ? request.priority() : Priority.STANDARD;

        var outcome = new Outcome(decisionId, tenant, flow.name(), request.entityId(), request.requestId(), priority,
                status, 1, verdict, prediction.score(), prediction.model(), verdict, reasons, raw, required, Map.of(),
                degraded, eventTime, now, now, now.plus(flow.definition().deadline()));
        long storeWait = Math.min(limits.store().toNanos(),
                Math.max(limits.storeReserve().toNanos(), deadline - System.nanoTime()));
        if (required.isEmpty()) {
            return store(outcomes.create(outcome), Duration.ofNanos(storeWait));
        }
        OutboxEntry announcement = publisher.announcement(outcome, attributes.values());
        CreateResult result;
        try {
            result = await(outcomes.create(outcome, announcement).toCompletableFuture(), Duration.ofNanos(storeWait));
        }
        catch (TimeoutException | ExecutionException ex) {
            return logOnly(outcome, announcement, ex, deadline);
        }
        if (result instanceof OutcomeStore.Created) {
            announce(announcement);
        }
        else if (isStuck(result.outcome(), now)) {
            announce(publisher.announcement(result.outcome(), attributes.values()));
        }
        return result;
    }

    /** Publishes without waiting; once the log has it, the outbox entry goes. A failure leaves it to the relay. */
    private void announce(OutboxEntry announcement) {
        publisher.publish(announcement).thenCompose(published -> outcomes.published(announcement.tenant(),
                announcement.decisionId()));
    }

    /**
     * The outcome store failed or did not answer in time: the decision is still acknowledged if the decision log
     * takes its announcement (within what remains of the deadline, at least the store's reserve), since the blender
     * stores every logged decision's outcome. The very announcement and outcome the store was given are used: if the
     * store's write went through after all (it was only slow), every copy of the decision is the same one. Counted
     * as {@code tandem.decision.logged.only}; until the blender has stored it a GET may answer 404. Otherwise the
     * store's failure stands.
     */
    private CreateResult logOnly(Outcome outcome, OutboxEntry announcement, Exception storeFailure, long deadline) {
        long wait = Math.max(limits.storeReserve().toNanos(), deadline - System.nanoTime());
        try {
            await(publisher.publish(announcement).toCompletableFuture(), Duration.ofNanos(wait));
        }
        catch (TimeoutException | ExecutionException ex) {
            storeFailure.addSuppressed(ex);
            throw new DecisionExceptions.StoreUnavailable(storeFailure);
        }
        metrics.loggedOnly(outcome.flow());
        return new OutcomeStore.Created(outcome);
    }

    /** The event an outcome is on its stream: {@code final} once nothing can change it ({@link OutcomeEvent}). */
    OutcomeEvent event(Outcome outcome) {
        boolean amends = flows.find(outcome.flow()).map(flow -> flow.definition().amendAfterTimeout()).orElse(false);
        return OutcomeEvent.of(outcome.status(), outcome.pending().isEmpty(), amends);
    }

    /** Whether nothing can change the outcome any more (its stream's last event). */
    boolean settled(Outcome outcome) {
        return event(outcome) == OutcomeEvent.FINAL;
    }

    /**
     * The current outcome of a decision.
     *
     * @throws DecisionExceptions.NotFound when there is none
     * @throws DecisionExceptions.StoreUnavailable when the store cannot answer
     */
    Outcome find(String tenant, String decisionId) {
        try {
            return await(outcomes.find(tenant, decisionId).toCompletableFuture(), limits.store())
                    .orElseThrow(() -> new DecisionExceptions.NotFound(decisionId));
        }
        catch (TimeoutException | ExecutionException ex) {
            throw new DecisionExceptions.StoreUnavailable(ex);
        }
    }

    /**
     * Puts the usable features into {@code raw} (lookups first, the request's own entity last: its features win a
     * clash of names), records each feature group's age, and says in {@code reasons} which entities were unknown
     * and which of the flow's groups were stale, expired or missing.
     */
    private void useFeatures(Flow flow, List<String> entities, List<EntityFeatures> read, Instant now,
            Map<String, Double> raw, List<String> reasons) {
        Map<String, Duration> budgets = flow.definition().featureStaleness();
        var seen = new HashSet<String>();
        boolean allKnown = true;
        for (int i = read.size() - 1; i >= 0; i--) {
            EntityFeatures usable = read.get(i).usableAt(now);
            raw.putAll(usable.values());
            if (!usable.known()) {
                allKnown = false;
                reasons.add(i == 0 ? "entity unknown to the online store; defaults used"
                        : entities.get(i) + " unknown to the online store; defaults used");
            }
            usable.groups().forEach((group, stamp) -> {
                seen.add(group);
                Duration age = stamp.age(now);
                metrics.featureAge(flow.name(), group, age);
                Duration budget = budgets.get(group);
                if (budget != null && age.compareTo(budget) > 0) {
                    reasons.add("feature group " + group + " is stale: " + human(age) + " old, budget "
                            + human(budget));
                }
            });
        }
        if (allKnown) {
            budgets.keySet().stream().filter(group -> !seen.contains(group)).sorted().forEach(group ->
                    reasons.add("feature group " + group + " missing or expired; defaults used"));
        }
    }

    /** 36h, 1m30s, 250ms: a duration as people write it. */
    static String human(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toNanos() % 1_000_000 == 0 ? duration.toMillis() + "ms"
                    : String.format(java.util.Locale.ROOT, "%.3fms", duration.toNanos() / 1e6);
        }
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private Flow requireFlow(DecisionRequest request) {
        if (request.flow() == null || request.flow().isBlank()) {
            throw new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation("flow", "is required")));
        }
        return flows.find(request.flow())
                .orElseThrow(() -> new DecisionExceptions.UnknownFlow(request.flow(), flows.names()));
    }

    /**
     * A repeated request finds its decision provisional long after it was made: its first publish may
     * have been lost (the broker was down, the process died). Publishing again is safe: the
     * enrichers and the blender apply each decision's results once.
     */
    private boolean isStuck(Outcome stored, Instant now) {
        return stored.status() == OutcomeStatus.PROVISIONAL && stored.createdAt().plus(limits.republishAfter()).isBefore(now);
    }

    private FlowDefinition.Validated validate(DecisionRequest request, FlowDefinition flow, Instant now) {
        var violations = new ArrayList<AttributeViolation>();
        checkText(violations, "entityId", request.entityId(), true);
        checkText(violations, "requestId", request.requestId(), false);
        Instant eventTime = request.eventTime();
        if (eventTime != null && eventTime.isAfter(now.plus(limits.maxClockSkew()))) {
            violations.add(new AttributeViolation("eventTime", "must not be more than " + limits.maxClockSkew()
                    + " in the future"));
        }
        if (eventTime != null && eventTime.isBefore(now.minus(limits.maxEventAge()))) {
            violations.add(new AttributeViolation("eventTime", "must not be more than " + limits.maxEventAge()
                    + " in the past"));
        }
        FlowDefinition.Validated attributes = flow.validate(request.attributes() == null ? Map.of() : request.attributes());
        if (request.attributes() == null) {
            violations.add(new AttributeViolation("attributes", "is required"));
        }
        else {
            violations.addAll(attributes.violations());
        }
        if (!violations.isEmpty()) {
            throw new DecisionExceptions.InvalidRequest(violations);
        }
        return attributes;
    }

    private static void checkText(List<AttributeViolation> violations, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                violations.add(new AttributeViolation(field, "is required"));
            }
        }
        else if (value.isBlank() || value.length() > 128) {
            violations.add(new AttributeViolation(field, "must be 1 to 128 characters, not blank"));
        }
    }

    /** A request id maps to one decision id per tenant and flow, so duplicates meet on one key. */
    static String decisionId(String tenant, String flow, String requestId) {
        if (requestId == null) {
            return UUID.randomUUID().toString();
        }
        byte[] name = (tenant + '\u0000' + flow + '\u0000' + requestId).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }

    private static CreateResult store(CompletionStage<CreateResult> creation, Duration wait) {
        try {
            return await(creation.toCompletableFuture(), wait);
        }
        catch (TimeoutException | ExecutionException ex) {
            throw new DecisionExceptions.StoreUnavailable(ex);
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws TimeoutException, ExecutionException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(ex);
        }
    }

    private static String describe(Exception ex) {
        if (ex instanceof TimeoutException) {
            return "timed out";
        }
        Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
        return cause instanceof Bulkhead.Full full ? full.getMessage() : cause.getClass().getSimpleName();
    }
}
