package dev.tandem.api.admission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control, prefix {@code tandem.api.admission}.
 *
 * @param enabled whether decisions are admitted against the limit at all
 * @param limit how the concurrency limit is found: {@code gradient2} (adapts to the latency it measures: grows while
 *        latency stays near its long-term level, shrinks when it rises), or {@code fixed} (stays at
 *        {@code initial-limit})
 * @param initialLimit decisions in flight at once to start with
 * @param minLimit the adaptive limit never goes below this
 * @param maxLimit nor above this
 * @param standardShare the part of the limit STANDARD decisions may fill (CRITICAL may fill all of it)
 * @param bulkShare the part of the limit BULK decisions may fill: under load they are refused first
 * @param retryAfter what a refused request is told to wait
 * @param perClientRate decisions per second one client ({@code X-Client-Id}) may ask for; 0 for no limit
 * @param perClientBurst how many of those it may ask for at once, above the rate
 * @param backlog refusals by the enrichers' backlog (ADR 0030)
 * @param window {@code gradient2} learns from the average latency and the most decisions in flight of each window
 *        this long (at least 100 ms, of at least 10 decisions), not from each decision alone (ADR 0035); {@code 0}
 *        for each decision
 * @param stallThreshold the JVM stood still for its garbage collector this long or longer (a watch thread woke that
 *        late, and the collector paused that long): for ten times as long after it, CRITICAL and STANDARD decisions
 *        may go past their share of the limit by what arrived meanwhile, which comes in at once and is not an
 *        overload (ADR 0038); {@code 0} to watch for none. Not with a {@code fixed} limit
 */
@ConfigurationProperties("tandem.api.admission")
record AdmissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("gradient2") String limit,
        @DefaultValue("32") int initialLimit, @DefaultValue("8") int minLimit, @DefaultValue("512") int maxLimit,
        @DefaultValue("0.85") double standardShare, @DefaultValue("0.5") double bulkShare,
        @DefaultValue("1s") Duration retryAfter, @DefaultValue("0") int perClientRate,
        @DefaultValue("100") int perClientBurst, @DefaultValue Backlog backlog,
        @DefaultValue("250ms") Duration window, @DefaultValue("5ms") Duration stallThreshold) {

    /**
     * Refusals by the enrichers' backlog, prefix {@code tandem.api.admission.backlog} (ADR 0030). The defaults suit
     * the measured 2-core machine, whose whole platform keeps up with about 400 decisions/s: 1,000 decisions are about
     * 2.5 s of the enrichers' work, half of payment-risk's 5 s deadline, and 2,000 all of it.
     *
     * @param enabled whether the backlog is read and refuses decisions at all
     * @param interval how often it is read from Kafka
     * @param standardLimit STANDARD decisions are refused while more than this many wait on the main lane
     * @param bulkLimit BULK decisions are refused while more than this many wait on both lanes together
     */
    record Backlog(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration interval,
            @DefaultValue("2000") long standardLimit, @DefaultValue("1000") long bulkLimit) {

        Backlog {
            if (interval.toMillis() < 10 || standardLimit < 1 || bulkLimit < 1) {
                throw new IllegalArgumentException("tandem.api.admission.backlog: interval at least 10ms, limits"
                        + " positive; were " + interval + ", " + standardLimit + " and " + bulkLimit);
            }
        }
    }

    /** The shortest window Netflix's {@code WindowedLimit} takes. */
    static final Duration MIN_WINDOW = Duration.ofMillis(100);

    AdmissionProperties {
        if (!(0 < bulkShare && bulkShare <= standardShare && standardShare <= 1)) {
            throw new IllegalArgumentException("tandem.api.admission: 0 < bulk-share <= standard-share <= 1, was "
                    + bulkShare + " and " + standardShare);
        }
        if (!(0 < minLimit && minLimit <= initialLimit && initialLimit <= maxLimit)) {
            throw new IllegalArgumentException("tandem.api.admission: 0 < min-limit <= initial-limit <= max-limit");
        }
        if (!window.isZero() && window.compareTo(MIN_WINDOW) < 0) {
            throw new IllegalArgumentException("tandem.api.admission.window: 0 (each decision) or at least "
                    + MIN_WINDOW.toMillis() + "ms, was " + window);
        }
        if (stallThreshold.isNegative()) {
            throw new IllegalArgumentException("tandem.api.admission.stall-threshold must not be negative, was "
                    + stallThreshold);
        }
        if (!limit.equals("gradient2") && !limit.equals("fixed")) {
            throw new IllegalArgumentException("tandem.api.admission.limit is gradient2 or fixed, was " + limit);
        }
    }
}
