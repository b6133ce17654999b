package dev.tandem.api.decision;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.watch.OutcomeEvent;
import dev.tandem.api.watch.OutcomeWatchers;
import dev.tandem.api.watch.WatchProperties;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.OutcomeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * {@code /v1/decisions/{decisionId}}: reads a decision, at once or as a long poll; {@link DecisionApiDocs} documents
 * it. {@code POST /v1/decisions}, the hot path, is the {@link DecisionEndpoint}'s.
 */
@RestController
@Tag(name = DecisionController.TAG, description = "Decisions and their outcomes, from PROVISIONAL to FINAL")
@RequestMapping(path = "/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
class DecisionController {

    /** The OpenAPI tag of the decisions' operations. */
    static final String TAG = "decisions";

    /** How long a cache may serve a FINAL outcome without asking. */
    static final Duration FINAL_MAX_AGE = Duration.ofHours(1);

    /** Query parameters of the long poll. */
    static final String WAIT_FOR_VERSION = "waitForVersion";
    static final String TIMEOUT = "timeout";

    private final DecisionService decisions;
    private final String tenant;
    private final OutcomeWatchers watchers;
    private final WatchProperties watch;
    private final Flows flows;
    private final Map<String, Counter> longPolls;

    DecisionController(DecisionService decisions, ApiProperties properties,
            MeterRegistry meters, OutcomeWatchers watchers, WatchProperties watch, Flows flows) {
        this.decisions = decisions;
        this.tenant = properties.tenant();
        this.watchers = watchers;
        this.watch = watch;
        this.flows = flows;
        this.longPolls = Stream.of("at_once", "reached", "timed_out").collect(Collectors.toUnmodifiableMap(
                result -> result, result -> Counter.builder(MetricNames.WATCH_LONG_POLLS)
                        .tag(MetricNames.TAG_RESULT, result).description("long polls by result").register(meters)));
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
    static @Nullable Duration duration(String value) {
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
