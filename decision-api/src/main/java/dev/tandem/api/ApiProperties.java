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
 * @param maxRequestSize the largest request body accepted
 * @param outcomeTtl how long an outcome is kept after its last change (at least a second)
 * @param maxClockSkew how far in the future a request's {@code eventTime} may lie
 * @param maxEventAge how far in the past a request's {@code eventTime} may lie
 * @param republishAfter a repeated request finds its decision still provisional after this long: its
 *        {@code DecisionMade} is published again, in case the first publish was lost
 * @param tenant the tenant of requests that name none
 */
@Validated
@ConfigurationProperties("tandem.api")
public record ApiProperties(@DefaultValue("50ms") Duration featureTimeout, @DefaultValue("1s") Duration storeTimeout,
        @DefaultValue("16KB") DataSize maxRequestSize, @DefaultValue("7d") Duration outcomeTtl,
        @DefaultValue("5m") Duration maxClockSkew, @DefaultValue("24h") Duration maxEventAge,
        @DefaultValue("5s") Duration republishAfter, @DefaultValue("default") @NotBlank String tenant) {

    public ApiProperties {
        if (outcomeTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("tandem.api.outcome-ttl must be at least 1s, was " + outcomeTtl);
        }
    }
}
