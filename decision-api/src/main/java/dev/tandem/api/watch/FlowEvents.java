package dev.tandem.api.watch;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.flow.Flows;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/flows/{flow}/events}: every change of the flow's outcomes from now on, for operations UIs, as
 * Server-Sent Events named as a decision's stream names them ({@code enriched}, {@code final} once a decision is
 * settled ({@link OutcomeEvent}); a decision's {@code provisional} answer is not on the outcomes topic), each with the change's summary ({@link OutcomeChange}).
 * A flow's changes can outrun a slow client: the stream holds at most {@code flow-buffer} of them, and when one more
 * comes it ends with an {@code overflow} event instead of dropping changes silently; the client reconnects (and
 * reads the decisions it cares about by id). There is no resume: events carry no id.
 */
@RestController
class FlowEvents {

    /** The event that ends a stream whose client fell behind. */
    static final String OVERFLOW = "overflow";

    private final OutcomeWatchers watchers;
    private final EventStreams streams;
    private final Flows flows;
    private final String tenant;
    private final int buffer;
    private final Counter overflows;

    FlowEvents(OutcomeWatchers watchers, EventStreams streams, Flows flows, ApiProperties api,
            WatchProperties settings, MeterRegistry meters) {
        this.watchers = watchers;
        this.streams = streams;
        this.flows = flows;
        this.tenant = api.tenant();
        this.buffer = settings.flowBuffer();
        this.overflows = Counter.builder(MetricNames.WATCH_OVERFLOWS).tag(MetricNames.TAG_KIND, "flow")
                .description("event streams ended because their client read too slowly").register(meters);
    }

    @GetMapping(path = "/v1/flows/{flow}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String flow) {
        boolean amends = flows.find(flow).orElseThrow(() -> new WatchProblems.UnknownFlow(flow, flows.names()))
                .definition().amendAfterTimeout();
        BlockingQueue<OutcomeChange> changes = new ArrayBlockingQueue<>(buffer);
        var overflowed = new AtomicBoolean();
        EventStream stream = streams.open("flow");
        OutcomeWatchers.Registration watching = watchers.flow(tenant, flow, change -> {
            if (!changes.offer(change)) {
                overflowed.set(true);
            }
            stream.signal();
        });
        stream.start(sender -> {
            if (overflowed.get()) {
                overflows.increment();
                sender.send(null, OVERFLOW, Map.of("detail", "this client read more slowly than the flow's outcomes "
                        + "changed: more than " + buffer + " changes were waiting; reconnect"));
                return true;
            }
            for (OutcomeChange change; (change = changes.poll()) != null;) {
                sender.send(null, change.event(amends).eventName(), change);
            }
            return false;
        }, watching::close);
        return stream.emitter();
    }
}
