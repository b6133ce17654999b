package dev.tandem.api.watch;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One Server-Sent Events response, written by its own virtual thread. Whoever has news calls {@link #signal()},
 * which never blocks; the writer wakes, asks its {@link Source} what to send and sends it. A client that reads
 * slowly therefore blocks only its own writer, and what waits for it is bounded by its source (the newest version
 * of a decision; a flow's bounded queue). The writer also wakes every {@code heartbeat} without a signal: the
 * source looks again (a missed signal costs at most that long) and, when nothing was sent for that long, a comment
 * keeps proxies from closing the idle connection. Ends when the source says so, when the client goes away, or at
 * the stream's timeout.
 */
public final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** What a stream sends; called on the stream's writer thread only. */
    @FunctionalInterface
    public interface Source {
        /**
         * Sends what is new since the last call.
         *
         * @return whether the stream is complete (its last event sent)
         */
        boolean pump(Sender sender) throws IOException;
    }

    /** Writes one event. */
    @FunctionalInterface
    public interface Sender {
        /** @param id the event id a client resumes from ({@code Last-Event-ID}), or {@code null} for none */
        void send(@Nullable String id, String event, Object data) throws IOException;
    }

    private final SseEmitter emitter;
    private final Duration heartbeat;
    private final String kind;
    private final MeterRegistry meters;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean open = true;
    /** The streams started and not ended yet, which this one joins while its writer runs. */
    private final Set<EventStream> started;
    /** Events sent; written and read by the writer thread only. */
    private long sent;

    EventStream(Duration timeout, Duration heartbeat, String kind, MeterRegistry meters, Set<EventStream> started) {
        this.started = started;
        this.emitter = new SseEmitter(timeout.toMillis());
        this.heartbeat = heartbeat;
        this.kind = kind;
        this.meters = meters;
        emitter.onCompletion(this::close);
        emitter.onTimeout(() -> {
            close();
            // ends the response here, rather than leave the timeout to the error handling of MVC
            emitter.complete();
        });
        emitter.onError(failure -> close());
    }

    /** The response to return from the controller. */
    public SseEmitter emitter() {
        return emitter;
    }

    /** Something may be new: wake the writer. Never blocks; signals before {@link #start} are kept. */
    public void signal() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /**
     * Starts the writer: it pumps the source at once, then on every signal and heartbeat.
     *
     * @param onEnd run once when the stream ends, however it ends (unregister the watch here)
     */
    public void start(Source source, Runnable onEnd) {
        started.add(this);
        Thread.ofVirtual().name("event-stream-" + kind).start(() -> {
            try {
                write(source);
            }
            finally {
                open = false;
                started.remove(this);
                onEnd.run();
            }
        });
    }

    private void write(Source source) {
        Sender sender = this::send;
        long lastSent = System.nanoTime();
        try {
            while (open) {
                long before = sent;
                if (source.pump(sender)) {
                    emitter.complete();
                    return;
                }
                if (sent != before) {
                    lastSent = System.nanoTime();
                }
                else if (System.nanoTime() - lastSent >= heartbeat.toNanos()) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSent = System.nanoTime();
                }
                if (wake.tryAcquire(heartbeat.toNanos(), TimeUnit.NANOSECONDS)) {
                    wake.drainPermits();
                }
            }
        }
        catch (IOException | IllegalStateException gone) {
            // the client went away, or the response is already complete (timeout): nothing more to write
            log.debug("{} event stream ended: {}", kind, gone.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
        catch (RuntimeException ex) {
            log.warn("{} event stream failed; ending it", kind, ex);
            emitter.completeWithError(ex);
        }
    }

    /** Ends the stream now (the instance is stopping): its client reconnects, to another instance. */
    void end() {
        close();
        emitter.complete();
    }

    private void send(@Nullable String id, String event, Object data) throws IOException {
        SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON);
        if (id != null) {
            builder.id(id);
        }
        emitter.send(builder);
        sent++;
        Counter.builder(MetricNames.WATCH_EVENTS).tag(MetricNames.TAG_KIND, kind).tag(MetricNames.TAG_EVENT, event)
                .description("events sent on event streams").register(meters).increment();
    }

    private void close() {
        open = false;
        wake.release();
    }
}
