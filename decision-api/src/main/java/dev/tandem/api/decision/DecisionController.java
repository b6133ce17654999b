package dev.tandem.api.decision;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.admission.Admission;
import dev.tandem.api.admission.AdmissionFilter;
import dev.tandem.api.watch.OutcomeEvent;
import dev.tandem.api.watch.OutcomeWatchers;
import dev.tandem.api.watch.WatchProperties;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.ApiHeaders;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** {@code /v1/decisions}: translates HTTP to {@link DecisionService} and back; {@link DecisionApiDocs} documents it. */
@RestController
@Tag(name = "decisions", description = "Decisions and their outcomes, from PROVISIONAL to FINAL")
@RequestMapping(path = "/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
class DecisionController {

    /** How long a cache may serve a FINAL outcome without asking. */
    static final Duration FINAL_MAX_AGE = Duration.ofHours(1);

    /** Query parameters of the long poll. */
    static final String WAIT_FOR_VERSION = "waitForVersion";
    static final String TIMEOUT = "timeout";

    private final DecisionService decisions;
    private final String tenant;
    private final MeterRegistry meters;
    private final OutcomeWatchers watchers;
    private final WatchProperties watch;
    private final Flows flows;
    private final Map<String, Counter> longPolls;
    private final Map<LatencyKey, Timer> latencies = new ConcurrentHashMap<>();

    /** The tags of one {@code tandem.decision.latency} timer (looked up once, not built per request). */
    private record LatencyKey(String flow, Verdict verdict, boolean degraded) {
    }

    DecisionController(DecisionService decisions, ApiProperties properties,
            MeterRegistry meters, OutcomeWatchers watchers, WatchProperties watch, Flows flows) {
        this.decisions = decisions;
        this.tenant = properties.tenant();
        this.meters = meters;
        this.watchers = watchers;
        this.watch = watch;
        this.flows = flows;
        this.longPolls = Stream.of("at_once", "reached", "timed_out").collect(Collectors.toUnmodifiableMap(
                result -> result, result -> Counter.builder(MetricNames.WATCH_LONG_POLLS)
                        .tag(MetricNames.TAG_RESULT, result).description("long polls by result").register(meters)));
    }

    /**
     * 201 with the new decision, or 200 with the one already made for the same request id. Admitted (or refused at
     * once, 503 or 429) before the body is bound, by the {@link AdmissionFilter}; this releases its ticket.
     *
     * @param client read by the {@link AdmissionFilter}; named here so that the API documents it
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionDocument> decide(@RequestBody DecisionRequest request,
            @RequestHeader(name = ApiHeaders.REQUEST_TIMEOUT, required = false) @Nullable String requestTimeout,
            @RequestHeader(name = ApiHeaders.CLIENT_ID, required = false) @Nullable String client,
            HttpServletRequest servletRequest) {
        long start = System.nanoTime();
        Admission.Ticket ticket = AdmissionFilter.ticket(servletRequest);
        Duration timeout = requestTimeout(requestTimeout);
        OutcomeStore.CreateResult result;
        try {
            result = decisions.decide(tenant, request, timeout, start);
        }
        catch (DecisionExceptions.InvalidRequest | DecisionExceptions.UnknownFlow refused) {
            ticket.ignore();
            throw refused;
        }
        catch (RuntimeException failed) {
            ticket.release(true);
            throw failed;
        }
        ticket.release(result.outcome().degraded());
        Outcome outcome = result.outcome();
        ResponseEntity.BodyBuilder response = switch (result) {
            case OutcomeStore.Created created -> ResponseEntity.created(URI.create("/v1/decisions/" + outcome.decisionId()));
            case OutcomeStore.Existing existing -> ResponseEntity.ok().location(URI.create("/v1/decisions/" + outcome.decisionId()));
        };
        latencies.computeIfAbsent(new LatencyKey(outcome.flow(), outcome.provisionalVerdict(), outcome.degraded()),
                key -> Timer.builder(MetricNames.DECISION_LATENCY)
                        .tag(MetricNames.TAG_FLOW, key.flow())
                        .tag(MetricNames.TAG_OUTCOME, key.verdict().name())
                        .tag(MetricNames.TAG_DEGRADED, Boolean.toString(key.degraded()))
                        .publishPercentileHistogram()
                        .register(meters))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return response.eTag(DecisionDocument.etag(outcome)).body(DecisionDocument.of(outcome));
    }

    /** {@code X-Request-Timeout}: milliseconds ({@code 150}) or a duration ({@code 150ms}, {@code 1s}), positive. */
    static @Nullable Duration requestTimeout(@Nullable String header) {
        if (header == null) {
            return null;
        }
        Duration timeout = duration(header);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation(ApiHeaders.REQUEST_TIMEOUT,
                    "must be a positive number of milliseconds (150) or a duration (150ms, 1s), was '" + header
                            + "'")));
        }
        return timeout;
    }

    /**
     * The current document; 304 when {@code If-None-Match} names its version. A FINAL outcome never changes again, so
     * any cache (an edge cache in front of pollers among them) may keep it for {@link #FINAL_MAX_AGE}; any other
     * may still change, so a cache must ask again each time (a 304 when nothing changed).
     *
     * <p>Long poll: with {@code waitForVersion=N} the answer waits until the decision reaches version N (or is
     * settled, after which it never changes: {@link OutcomeEvent}), and at most {@code timeout} (a duration such as {@code 10s}, or
     * milliseconds; {@code tandem.api.watch.long-poll-timeout} when absent, at most {@code long-poll-max-timeout}),
     * then answers as a plain GET would: the current document, whatever its version.
     */
    @GetMapping("/{decisionId}")
    ResponseEntity<DecisionDocument> get(@PathVariable String decisionId,
            @RequestParam(name = WAIT_FOR_VERSION, required = false) @Nullable String waitForVersion,
            @RequestParam(name = TIMEOUT, required = false) @Nullable String timeout, WebRequest request) {
        Outcome outcome = waitForVersion == null ? plainGet(decisionId, timeout)
                : longPoll(decisionId, version(waitForVersion), longPollTimeout(timeout));
        String etag = DecisionDocument.etag(outcome);
        CacheControl caching = outcome.status() == OutcomeStatus.FINAL
                ? CacheControl.maxAge(FINAL_MAX_AGE).cachePublic() : CacheControl.noCache();
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(caching).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(caching).body(DecisionDocument.of(outcome));
    }

    private Outcome plainGet(String decisionId, @Nullable String timeout) {
        if (timeout != null) {
            throw invalid(TIMEOUT, "is for long polls: give it with " + WAIT_FOR_VERSION);
        }
        return decisions.find(tenant, decisionId);
    }

    /** Waits for a change of the decision to {@code version} or later, told by the outcome watchers. */
    private Outcome longPoll(String decisionId, long version, Duration timeout) {
        var reached = new CompletableFuture<Void>();
        try (var watching = watchers.decision(tenant, decisionId, change -> {
            // a settled outcome never reaches a higher version: answer it rather than wait for nothing
            if (change.version() >= version || change.event(amends(change.flow())) == OutcomeEvent.FINAL) {
                reached.complete(null);
            }
        })) {
            // read after the watch is registered, so that no change falls in between
            Outcome outcome = decisions.find(tenant, decisionId);
            if (outcome.version() >= version || decisions.settled(outcome)) {
                longPolls.get("at_once").increment();
                return outcome;
            }
            try {
                reached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                longPolls.get("reached").increment();
            }
            catch (TimeoutException ex) {
                longPolls.get("timed_out").increment();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
            return decisions.find(tenant, decisionId);
        }
    }

    private boolean amends(String flow) {
        return flows.find(flow).map(f -> f.definition().amendAfterTimeout()).orElse(false);
    }

    private static long version(String value) {
        try {
            long version = Long.parseLong(value.strip());
            if (version >= 1) {
                return version;
            }
        }
        catch (NumberFormatException ex) {
            // below
        }
        throw invalid(WAIT_FOR_VERSION, "must be a version (1, 2, 3, ...), was '" + value + "'");
    }

    private Duration longPollTimeout(@Nullable String value) {
        if (value == null) {
            return watch.longPollTimeout();
        }
        Duration timeout = duration(value);
        if (timeout == null || timeout.isNegative()) {
            throw invalid(TIMEOUT, "must be milliseconds (5000) or a duration (5s), was '" + value + "'");
        }
        if (timeout.compareTo(watch.longPollMaxTimeout()) > 0) {
            throw invalid(TIMEOUT, "must be at most " + watch.longPollMaxTimeout().toSeconds() + "s, was '" + value
                    + "'");
        }
        return timeout;
    }

    /** Milliseconds ({@code 150}) or a duration ({@code 150ms}, {@code 1s}); {@code null} when neither. */
    private static @Nullable Duration duration(String value) {
        String text = value.strip();
        try {
            return !text.isEmpty() && text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text))
                    : DurationStyle.SIMPLE.parse(text);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static DecisionExceptions.InvalidRequest invalid(String parameter, String message) {
        return new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation(parameter, message)));
    }
}
