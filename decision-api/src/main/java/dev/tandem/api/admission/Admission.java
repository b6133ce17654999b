package dev.tandem.api.admission;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.netflix.concurrency.limits.limit.FixedLimit;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Whether a decision may be made now: its client within its rate, its priority not behind too long an enrichment
 * backlog (ADR 0030), and within its share of the concurrency limit. A refusal is an {@link Refused} thrown at once,
 * which the API answers 429 or 503 with {@code Retry-After}; an admission is a {@link Ticket} the caller releases when
 * it has answered.
 */
public final class Admission {

    /** Why a request was refused. */
    public enum Reason {
        /** Its priority's share of the concurrency limit is in use. */
        OVERLOADED,
        /** Its client asked for more than its rate. */
        RATE_LIMITED,
        /** The enrichers are further behind than its priority may wait (ADR 0030). */
        BACKLOGGED
    }

    /** The enrichment backlog and the limits it is held to. */
    record BacklogGate(EnrichmentBacklog backlog, BacklogLimits limits) {
    }

    /**
     * A decision that was admitted; {@link #release} or {@link #ignore} it when it is answered. Only the first of
     * these calls counts: the others do nothing.
     */
    public interface Ticket {

        /**
         * The decision was made: its latency is a sample for the limit.
         *
         * @param dropped whether a dependency failed the decision
         */
        void release(boolean dropped);

        /** The request was refused as invalid: no sample (a fast refusal would pull the limit up). */
        void ignore();
    }

    /** A request refused, and how long its caller should wait before asking again. */
    public static final class Refused extends RuntimeException {
        private final Reason reason;
        private final Duration retryAfter;

        Refused(Reason reason, String why, Duration retryAfter) {
            super(why + "; retry after " + retryAfter.toSeconds() + "s", null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        public Reason reason() {
            return reason;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private static final Ticket NOTHING = new Ticket() {
        @Override
        public void release(boolean dropped) {
        }

        @Override
        public void ignore() {
        }
    };

    private final @Nullable PriorityAdmission limit;
    private final @Nullable ClientRates rates;
    private final @Nullable BacklogGate backlog;
    private final Duration retryAfter;
    private final MeterRegistry meters;
    private final Map<Reason, Map<Priority, Counter>> refusals = new ConcurrentHashMap<>();

    Admission(@Nullable PriorityAdmission limit, @Nullable ClientRates rates, @Nullable BacklogGate backlog,
            Duration retryAfter, MeterRegistry meters) {
        this.limit = limit;
        this.rates = rates;
        this.backlog = backlog;
        this.retryAfter = retryAfter;
        this.meters = meters;
        // the refusals that can happen at 0 from the start, so a dashboard shows a 0 instead of no series
        for (Priority priority : Priority.values()) {
            if (limit != null) {
                refusals(Reason.OVERLOADED, priority);
            }
            if (rates != null) {
                refusals(Reason.RATE_LIMITED, priority);
            }
            if (backlog != null && priority != Priority.CRITICAL) {
                refusals(Reason.BACKLOGGED, priority);
            }
        }
    }

    /**
     * Admission with a fixed limit, the default shares (STANDARD 0.85, BULK 0.5 of it) and, when {@code
     * perClientRate} is above 0, that rate per client with a burst of as many; refusals say to retry after a second.
     */
    public static Admission fixed(int limit, int perClientRate, MeterRegistry meters) {
        return new Admission(new PriorityAdmission(FixedLimit.of(limit), 0.85, 0.5, System::nanoTime),
                perClientRate > 0 ? new ClientRates(perClientRate, perClientRate, System::nanoTime) : null, null,
                Duration.ofSeconds(1), meters);
    }

    /** Admission that admits everything. */
    public static Admission everything(MeterRegistry meters) {
        return new Admission(null, null, null, Duration.ofSeconds(1), meters);
    }

    /**
     * @param flow the flow the decision names, {@code null} when it names none (then the backlog refuses nothing)
     * @param client who asks ({@code X-Client-Id}), {@code null} when unnamed (then only the limit applies)
     * @throws Refused when the client is over its rate, the flow's enrichers are too far behind for the priority, or
     *         the priority's share of the limit is in use
     */
    public Ticket admit(Priority priority, @Nullable String flow, @Nullable String client) {
        if (rates != null && client != null && !rates.tryTake(client)) {
            throw refused(Reason.RATE_LIMITED, priority,
                    "This client asked for more decisions than its rate allows");
        }
        if (backlog != null) {
            EnrichmentBacklog.Backlog behind = backlog.backlog().of(flow);
            if (backlog.limits().refuses(priority, behind)) {
                throw refused(Reason.BACKLOGGED, priority, "The enrichers are behind: "
                        + backlog.limits().describe(priority, behind));
            }
        }
        if (limit == null) {
            return NOTHING;
        }
        Optional<PriorityAdmission.Permit> permit = limit.admit(priority);
        if (permit.isEmpty()) {
            throw refused(Reason.OVERLOADED, priority, "Too many decisions in flight for priority " + priority);
        }
        PriorityAdmission.Permit admitted = permit.get();
        return new Ticket() {
            @Override
            public void release(boolean dropped) {
                admitted.release(dropped);
            }

            @Override
            public void ignore() {
                admitted.ignore();
            }
        };
    }

    private Refused refused(Reason reason, Priority priority, String why) {
        refusals(reason, priority).increment();
        return new Refused(reason, why, retryAfter);
    }

    /** Looked up once per reason and priority: under overload refusals come by the thousand a second. */
    private Counter refusals(Reason reason, Priority priority) {
        return refusals.computeIfAbsent(reason, any -> new ConcurrentHashMap<>()).computeIfAbsent(priority,
                any -> Counter.builder(MetricNames.ADMISSION_REFUSED).tag(MetricNames.TAG_PRIORITY, priority.name())
                        .tag(MetricNames.TAG_REASON, reason.name().toLowerCase(java.util.Locale.ROOT))
                        .description("decisions refused before any work, by priority and reason").register(meters));
    }
}
