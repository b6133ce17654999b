package dev.tandem.schemas;

/**
 * Micrometer meter names (Prometheus adds units and {@code _total}) and their tag keys.
 */
public final class MetricNames {

    /** Timer: synchronous decision time, by flow, outcome and degraded. */
    public static final String DECISION_LATENCY = "tandem.decision.latency";

    /** Counter: {@code DecisionMade} publishes that failed (the outbox relay publishes them again), by priority. */
    public static final String DECISION_PUBLISH_FAILURES = "tandem.decision.publish.failures";

    /** Counter: outbox entries the relay published again, by result (published, failed). */
    public static final String OUTBOX_RELAYED = "tandem.outbox.relayed";

    /** Gauge: outbox entries older than the relay's wait at its last look (0 when every publish got through). */
    public static final String OUTBOX_BACKLOG = "tandem.outbox.backlog";

    /** Counter: decisions made durable through the decision log because the outcome store failed, by flow. */
    public static final String DECISION_LOGGED_ONLY = "tandem.decision.logged.only";

    /**
     * Counter: decisions refused before any work (429 or 503), by priority and reason (overloaded, rate_limited,
     * backlogged).
     */
    public static final String ADMISSION_REFUSED = "tandem.admission.refused";

    /** Gauge: decisions that may be in flight at once (the adaptive limit; CRITICAL may use all of it). */
    public static final String ADMISSION_LIMIT = "tandem.admission.limit";

    /** Gauge: admitted decisions not answered yet. */
    public static final String ADMISSION_IN_FLIGHT = "tandem.admission.in.flight";

    /** Timer: how long decision-api's JVM stood still, each stall its stall watch saw (ADR 0038). */
    public static final String ADMISSION_STALLS = "tandem.admission.stalls";

    /**
     * Counter: CRITICAL and STANDARD decisions admitted past their priority's share of the limit because they came in
     * the burst after a stall (ADR 0038), by priority.
     */
    public static final String ADMISSION_AFTER_STALL = "tandem.admission.after.stall";

    /**
     * Gauge: decisions a new decision would wait behind at the slowest of its flow's required enrichers, as admission
     * last read them, by flow and priority (STANDARD: the main lane; BULK: both lanes) (ADR 0030).
     */
    public static final String ADMISSION_BACKLOG = "tandem.admission.backlog";

    /** Counter: hedged online-store reads by result (sent; won: the hedge answered first). */
    public static final String FEATURE_HEDGES = "tandem.feature.hedges";

    /** Counter: online feature reads by tier and result. */
    public static final String FEATURE_CACHE_REQUESTS = "tandem.feature.cache.requests";

    /**
     * Counter: background refreshes of a cached entity that failed (the store's bulkhead full, its circuit open, a
     * timeout); the cached copy is served on until its ttl.
     */
    public static final String FEATURE_CACHE_REFRESH_FAILURES = "tandem.feature.cache.refresh.failures";

    /** Timer: age of a feature group (its event time to the decision) when a decision used it, by flow, feature_group. */
    public static final String FEATURE_AGE = "tandem.feature.age";

    /** Timer: one call of an enricher for one batch, retries included, by enricher. */
    public static final String ENRICHMENT_DURATION = "tandem.enrichment.duration";

    /** Distribution: decisions per enricher call, by enricher. */
    public static final String ENRICHMENT_BATCH_SIZE = "tandem.enrichment.batch.size";

    /** Gauge: the batch size the adaptive sizer aims at next, by enricher. */
    public static final String ENRICHMENT_BATCH_TARGET = "tandem.enrichment.batch.target";

    /** Counter: results published, by enricher and status (OK, FAILED, TIMED_OUT). */
    public static final String ENRICHMENT_RESULTS = "tandem.enrichment.results";

    /** Gauge: 1 while an enricher's BULK lane is paused behind its urgent lane, else 0; by enricher. */
    public static final String ENRICHMENT_BULK_PAUSED = "tandem.enrichment.bulk.paused";

    /**
     * Gauge: the share of the last second in which an enricher's urgent lane had a poll in hand, 0 to 1, by enricher;
     * above {@code tandem.workers.bulk-below-busy} its BULK lane is paused (ADR 0037).
     */
    public static final String ENRICHMENT_URGENT_BUSY = "tandem.enrichment.urgent.busy";

    /** Counter: requests tried again after a retryable failure or a timeout, by enricher. */
    public static final String ENRICHMENT_RETRIES = "tandem.enrichment.retries";

    /** Timer: decision time to enrichment result merged, by enricher. */
    public static final String ENRICHMENT_LAG = "tandem.enrichment.lag";

    /** Timer: decision time to FINAL or TIMED_OUT, by flow and end state. */
    public static final String OUTCOME_TIME_TO_FINAL = "tandem.outcome.time.to.final";

    /**
     * Counter: outcomes that reached an end state, by flow, status and in_time (before the flow's
     * deadline, its target); the share FINAL in time is {@code in_time="true",status="FINAL"} over all.
     */
    public static final String OUTCOME_FINALISED = "tandem.outcome.finalised";

    /** Counter: final verdict differs from the provisional one, by flow, from and to. */
    public static final String OUTCOME_FLIPS = "tandem.outcome.flips";

    /** Counter: results that arrived after finalisation, by enricher. */
    public static final String OUTCOME_LATE_RESULTS = "tandem.outcome.late.results";

    /** Counter: results ignored as already applied, by enricher. */
    public static final String OUTCOME_DUPLICATES = "tandem.outcome.duplicates";

    /** Gauge: acknowledged decisions whose outcome is not final yet (FINAL or TIMED_OUT). */
    public static final String OUTCOME_IN_FLIGHT = "tandem.outcome.in.flight";

    /** Counter: outcome notifications that could not be published on Redis pub/sub. */
    public static final String OUTCOME_NOTIFY_FAILURES = "tandem.outcome.notify.failures";

    /**
     * Counter: calls to an external provider, by provider and outcome ({@code ok}, {@code timeout},
     * {@code error_5xx}, {@code throttled} (429), {@code error_4xx}, {@code connect_error}, {@code io_error},
     * {@code bad_response}, {@code rejected_open}: not made, the circuit was open).
     */
    public static final String EXTERNAL_CALLS = "tandem.external.calls";

    /** Timer: one call to an external provider, until its answer or its failure, by provider and outcome. */
    public static final String EXTERNAL_CALL_DURATION = "tandem.external.call.duration";

    /** Gauge: the state of the circuit breaker around a provider, by provider: 0 closed, 1 half-open, 2 open. */
    public static final String CIRCUIT_STATE = "tandem.circuit.state";

    /** Gauge: calls in flight through a bulkhead, by bulkhead. */
    public static final String BULKHEAD_IN_FLIGHT = "tandem.bulkhead.in.flight";

    /** Gauge: the calls a bulkhead lets be in flight at once, by bulkhead. */
    public static final String BULKHEAD_LIMIT = "tandem.bulkhead.limit";

    /** Counter: calls refused at once because their bulkhead was full, by bulkhead. */
    public static final String BULKHEAD_REFUSED = "tandem.bulkhead.refused";

    /** Gauge: age of the oldest unprocessed record, by consumer group and topic (seconds). */
    public static final String CONSUMER_LAG_TIME = "tandem.consumer.lag.time";

    /** Counter: records sent to a dead-letter topic, by topic. */
    public static final String DEAD_LETTERS = "tandem.dead.letters";

    /** Timer: from an outcome's change being stored to a decision-api instance reading it on the outcomes topic. */
    public static final String WATCH_FEED_DELAY = "tandem.watch.feed.delay";

    /** Counter: outcomes-topic records the watchers' feed could not decode (skipped). */
    public static final String WATCH_FEED_UNREADABLE = "tandem.watch.feed.unreadable";

    /** Gauge: partitions of the outcomes topic a decision-api instance reads for its watchers. */
    public static final String WATCH_FEED_PARTITIONS = "tandem.watch.feed.partitions";

    /** Counter: outcomes-topic records a decision-api instance read for its watchers (none while nobody watches). */
    public static final String WATCH_FEED_RECORDS = "tandem.watch.feed.records";

    /** Gauge: 1 while a decision-api instance reads the outcomes topic, 0 while nobody watches (ADR 0026). */
    public static final String WATCH_FEED_READING = "tandem.watch.feed.reading";

    /** Gauge: long polls and event streams open on an instance. */
    public static final String WATCHERS = "tandem.watch.watchers";

    /** Counter: events sent on event streams, by kind (decision, flow) and event (provisional, enriched, final, ...). */
    public static final String WATCH_EVENTS = "tandem.watch.events";

    /** Counter: event streams ended because their client read too slowly, by kind. */
    public static final String WATCH_OVERFLOWS = "tandem.watch.overflows";

    /** Counter: long polls by result (reached: the version came; timed_out; at_once: it was there already). */
    public static final String WATCH_LONG_POLLS = "tandem.watch.long.polls";

    public static final String TAG_FLOW = "flow";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DEGRADED = "degraded";
    public static final String TAG_ENRICHER = "enricher";
    public static final String TAG_STATUS = "status";
    public static final String TAG_TIER = "tier";
    public static final String TAG_RESULT = "result";
    public static final String TAG_FROM = "from";
    public static final String TAG_TO = "to";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_GROUP = "group";
    public static final String TAG_FEATURE_GROUP = "feature_group";
    public static final String TAG_PRIORITY = "priority";
    public static final String TAG_REASON = "reason";
    public static final String TAG_IN_TIME = "in_time";
    public static final String TAG_PROVIDER = "provider";
    public static final String TAG_BULKHEAD = "bulkhead";
    public static final String TAG_KIND = "kind";
    public static final String TAG_EVENT = "event";

    private MetricNames() {
    }
}
