package dev.tandem.api.decision;

import java.io.IOException;
import java.util.List;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.watch.EventStream;
import dev.tandem.api.watch.EventStreams;
import dev.tandem.api.watch.OutcomeEvent;
import dev.tandem.api.watch.OutcomeWatchers;
import dev.tandem.core.flow.AttributeViolation;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.ApiHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/decisions/{id}/events}: a decision as it changes, as Server-Sent Events. Each event is the whole
 * decision document ({@code provisional}, then {@code enriched} for each change while it may still change, then
 * {@code final} once it is settled: {@link OutcomeEvent}), its id the version; the stream ends after {@code final}.
 * It starts with the current version, unless {@code Last-Event-ID} says the client has it: a reconnecting client
 * gets the current document if it is newer than what it saw, so it never misses a state (versions that followed each
 * other while it was away arrive as the newest one: every event is a whole document, and what waits for a slow
 * client is only the newest version, never a queue). A client that already has the settled version gets 204, which
 * tells a browser's {@code EventSource} to stop reconnecting.
 */
@RestController
@RequestMapping("/v1/decisions")
class DecisionEvents {

    private static final Logger log = LoggerFactory.getLogger(DecisionEvents.class);

    private final DecisionService decisions;
    private final OutcomeWatchers watchers;
    private final EventStreams streams;
    private final String tenant;

    DecisionEvents(DecisionService decisions, OutcomeWatchers watchers, EventStreams streams, ApiProperties api) {
        this.decisions = decisions;
        this.watchers = watchers;
        this.streams = streams;
        this.tenant = api.tenant();
    }

    @GetMapping(path = "/{decisionId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable String decisionId,
            @RequestHeader(name = ApiHeaders.LAST_EVENT_ID, required = false) @Nullable String lastEventId) {
        long seen = lastEventId(lastEventId);
        EventStream stream = streams.open("decision");
        OutcomeWatchers.Registration watching = watchers.decision(tenant, decisionId, change -> stream.signal());
        Outcome current;
        try {
            // after the watch is registered: a change from here on wakes the stream, none falls in between
            current = decisions.find(tenant, decisionId);
        }
        catch (RuntimeException ex) {
            watching.close();
            throw ex;
        }
        if (seen >= current.version() && decisions.settled(current)) {
            // the client has the last event: 204 tells an EventSource not to reconnect (a 200 that ends would)
            watching.close();
            return ResponseEntity.noContent().build();
        }
        stream.start(new Progress(decisionId, current, seen), watching::close);
        return ResponseEntity.ok(stream.emitter());
    }

    /** {@code Last-Event-ID}: a version the client has seen (0 when absent). */
    static long lastEventId(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            long version = Long.parseLong(header.strip());
            if (version >= 0) {
                return version;
            }
        }
        catch (NumberFormatException ex) {
            // below
        }
        throw new DecisionExceptions.InvalidRequest(List.of(new AttributeViolation(ApiHeaders.LAST_EVENT_ID,
                "must be the id of an event of this stream (a version: 0, 1, 2, ...), was '" + header + "'")));
    }

    /** Sends the decision's versions newer than the last sent; reads the store on the stream's thread. */
    private final class Progress implements EventStream.Source {

        private final String decisionId;
        private @Nullable Outcome first;
        private long sent;

        Progress(String decisionId, Outcome current, long seen) {
            this.decisionId = decisionId;
            this.first = current;
            this.sent = seen;
        }

        @Override
        public boolean pump(EventStream.Sender sender) throws IOException {
            Outcome outcome = first;
            first = null;
            if (outcome == null) {
                try {
                    outcome = decisions.find(tenant, decisionId);
                }
                catch (RuntimeException unavailable) {
                    log.debug("decision {} not read for its stream; trying again at the next signal or heartbeat",
                            decisionId, unavailable);
                    return false;
                }
            }
            OutcomeEvent event = decisions.event(outcome);
            if (outcome.version() > sent) {
                sender.send(Long.toString(outcome.version()), event.eventName(), DecisionDocument.of(outcome));
                sent = outcome.version();
            }
            return event == OutcomeEvent.FINAL;
        }
    }
}
