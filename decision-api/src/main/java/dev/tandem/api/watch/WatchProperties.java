package dev.tandem.api.watch;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Long polls and event streams, prefix {@code tandem.api.watch}.
 *
 * @param maxWatchers long polls and event streams open at once on an instance; more are refused with 503. At most
 *        half of {@code server.jetty.max-connections} (8192, set in decision-api.yml): each holds a connection, and
 *        decisions must still find one
 * @param longPollTimeout how long a long poll waits when it names no {@code timeout}
 * @param longPollMaxTimeout the longest {@code timeout} a long poll may ask for
 * @param heartbeat how often an idle event stream sends a comment (and its decision is looked at again)
 * @param streamTimeout how long an event stream may stay open; the client then reconnects with its
 *        {@code Last-Event-ID}
 * @param flowBuffer changes a flow's event stream may hold for a client that reads slowly; past it the stream
 *        ends with an {@code overflow} event
 * @param partitionCheck how often the feed asks the broker for new partitions of the outcomes topic; it asks again
 *        whenever it resumes reading for a watcher
 * @param feedPauseAfter how long the feed goes on reading the outcomes topic once no long poll or event stream is
 *        open; then it reads nothing until one opens (ADR 0026). Zero stops it at once
 */
@Validated
@ConfigurationProperties("tandem.api.watch")
public record WatchProperties(@DefaultValue("4000") @Min(1) int maxWatchers,
        @DefaultValue("20s") Duration longPollTimeout, @DefaultValue("60s") Duration longPollMaxTimeout,
        @DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("1024") @Min(1) int flowBuffer, @DefaultValue("1m") Duration partitionCheck,
        @DefaultValue("30s") Duration feedPauseAfter) {

    public WatchProperties {
        if (longPollTimeout.compareTo(longPollMaxTimeout) > 0) {
            throw new IllegalArgumentException("tandem.api.watch.long-poll-timeout (" + longPollTimeout
                    + ") must not exceed long-poll-max-timeout (" + longPollMaxTimeout + ")");
        }
        requirePositive("heartbeat", heartbeat);
        requirePositive("long-poll-timeout", longPollTimeout);
        requirePositive("stream-timeout", streamTimeout);
        requirePositive("partition-check", partitionCheck);
        if (feedPauseAfter.isNegative()) {
            throw new IllegalArgumentException("tandem.api.watch.feed-pause-after must not be negative, was "
                    + feedPauseAfter);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("tandem.api.watch." + name + " must be positive, was " + value);
        }
    }
}
