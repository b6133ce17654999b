package dev.tandem.api;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * decision-api settings, prefix {@code tandem.api}.
 *
 * @param featureTimeout how long a decision waits for the online features before it answers from
 *        defaults, degraded
 * @param storeTimeout how long a decision waits for the outcome store
 * @param storeReserve the share of a request's timeout kept for storing the outcome: the features are waited for
 *        until the timeout less this, and the store gets at least this
 * @param maxRequestSize the largest request body accepted
 * @param outcomeTtl how long an outcome is kept after its last change (at least a second)
 * @param maxClockSkew how far in the future a request's {@code eventTime} may lie
 * @param maxEventAge how far in the past a request's {@code eventTime} may lie
 * @param republishAfter a repeated request finds its decision still provisional after this long: its
 *        {@code DecisionMade} is published again, in case the first publish was lost
 * @param tenant the tenant of requests that name none
 * @param producerPrimeTimeout how long the start waits at most for the producer's metadata of the decision lanes
 *        (so that the first decisions' sends find it); zero skips that
 * @param outbox the relay that publishes announcements whose first publish did not get through
 */
@Validated
@ConfigurationProperties("tandem.api")
public record ApiProperties(@DefaultValue("50ms") Duration featureTimeout, @DefaultValue("1s") Duration storeTimeout,
        @DefaultValue("20ms") Duration storeReserve,
        @DefaultValue("16KB") DataSize maxRequestSize, @DefaultValue("7d") Duration outcomeTtl,
        @DefaultValue("5m") Duration maxClockSkew, @DefaultValue("24h") Duration maxEventAge,
        @DefaultValue("5s") Duration republishAfter, @DefaultValue("default") @NotBlank String tenant,
        @DefaultValue("5s") Duration producerPrimeTimeout, @DefaultValue Outbox outbox) {

    /**
     * Prefix {@code tandem.api.outbox}.
     *
     * @param relayAfter an announcement still in the outbox this long after its decision is published again (its
     *        first publish failed, or its instance died before the broker answered)
     * @param relayEvery how often the relay looks
     * @param relayBatch announcements published per look, at most about
     */
    public record Outbox(@DefaultValue("2s") Duration relayAfter, @DefaultValue("1s") Duration relayEvery,
            @DefaultValue("200") int relayBatch) {
    }

    public ApiProperties {
        if (outcomeTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("tandem.api.outcome-ttl must be at least 1s, was " + outcomeTtl);
        }
        if (producerPrimeTimeout.isNegative()) {
            throw new IllegalArgumentException("tandem.api.producer-prime-timeout must not be negative, was "
                    + producerPrimeTimeout);
        }
    }
}
