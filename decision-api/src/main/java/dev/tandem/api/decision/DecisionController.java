package dev.tandem.api.decision;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.admission.Admission;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.ApiHeaders;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** {@code /v1/decisions}: translates HTTP to {@link DecisionService} and back; {@link DecisionApiDocs} documents it. */
@RestController
@Tag(name = "decisions", description = "Decisions and their outcomes, from PROVISIONAL to FINAL")
@RequestMapping(path = "/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
class DecisionController {

    /** How long a cache may serve a FINAL outcome without asking. */
    static final Duration FINAL_MAX_AGE = Duration.ofHours(1);

    private final DecisionService decisions;
    private final Admission admission;
    private final String tenant;
    private final MeterRegistry meters;

    DecisionController(DecisionService decisions, Admission admission, ApiProperties properties,
            MeterRegistry meters) {
        this.decisions = decisions;
        this.admission = admission;
        this.tenant = properties.tenant();
        this.meters = meters;
    }

    /**
     * 201 with the new decision, or 200 with the one already made for the same request id; refused at once (503 or
     * 429) when admission says no.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionDocument> decide(@RequestBody DecisionRequest request,
            @RequestHeader(name = ApiHeaders.REQUEST_TIMEOUT, required = false) @Nullable String requestTimeout,
            @RequestHeader(name = ApiHeaders.CLIENT_ID, required = false) @Nullable String client) {
        long start = System.nanoTime();
        Duration timeout = requestTimeout(requestTimeout);
        Admission.Ticket ticket = admission.admit(request.priority() != null ? request.priority() : Priority.STANDARD,
                client);
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
        Timer.builder(MetricNames.DECISION_LATENCY)
                .tag(MetricNames.TAG_FLOW, outcome.flow())
                .tag(MetricNames.TAG_OUTCOME, outcome.provisionalVerdict().name())
                .tag(MetricNames.TAG_DEGRADED, Boolean.toString(outcome.degraded()))
                .publishPercentileHistogram()
                .register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return response.eTag(DecisionDocument.etag(outcome)).body(DecisionDocument.of(outcome));
    }

    /** {@code X-Request-Timeout}: milliseconds ({@code 150}) or a duration ({@code 150ms}, {@code 1s}), positive. */
    static @Nullable Duration requestTimeout(@Nullable String header) {
        if (header == null) {
            return null;
        }
        Duration timeout;
        try {
            String value = header.strip();
            timeout = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Duration.ofMillis(Long.parseLong(value)) : DurationStyle.SIMPLE.parse(value);
        }
        catch (IllegalArgumentException ex) {
            timeout = null;
        }
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
     */
    @GetMapping("/{decisionId}")
    ResponseEntity<DecisionDocument> get(@PathVariable String decisionId, WebRequest request) {
        Outcome outcome = decisions.find(tenant, decisionId);
        String etag = DecisionDocument.etag(outcome);
        CacheControl caching = outcome.status() == OutcomeStatus.FINAL
                ? CacheControl.maxAge(FINAL_MAX_AGE).cachePublic() : CacheControl.noCache();
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(caching).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(caching).body(DecisionDocument.of(outcome));
    }
}
