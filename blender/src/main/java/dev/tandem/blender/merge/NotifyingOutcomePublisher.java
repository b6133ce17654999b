package dev.tandem.blender.merge;

import java.util.concurrent.CompletionStage;

import dev.tandem.core.outcome.Outcome;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a new outcome version to live readers on Redis pub/sub ({@link RedisKeys#outcomeUpdates})
 * and durably (the delegate, Kafka). The notification goes first and is not waited for, so readers
 * hear of a version as soon as it is stored in Redis (what they read); the durable announcement is
 * the returned stage. A lost notification
 * only delays a reader until its next poll, so it is counted and logged, never retried; a failed
 * durable publish fails the call, the record is redelivered and the stored version announced again.
 */
final class NotifyingOutcomePublisher implements OutcomePublisher {

    private static final Logger log = LoggerFactory.getLogger(NotifyingOutcomePublisher.class);

    private final OutcomePublisher durable;
    private final RedisAsyncCommands<String, String> redis;
    private final MeterRegistry meters;

    NotifyingOutcomePublisher(OutcomePublisher durable, RedisAsyncCommands<String, String> redis, MeterRegistry meters) {
        this.durable = durable;
        this.redis = redis;
        this.meters = meters;
    }

    @Override
    public CompletionStage<?> publish(Outcome outcome) {
        String message = "{\"decisionId\":\"" + outcome.decisionId() + "\",\"version\":" + outcome.version()
                + ",\"status\":\"" + outcome.status() + "\"}";
        redis.publish(RedisKeys.outcomeUpdates(outcome.tenant()), message).whenComplete((receivers, failure) -> {
            if (failure != null) {
                meters.counter(MetricNames.OUTCOME_NOTIFY_FAILURES).increment();
                log.atWarn().setCause(failure).addKeyValue("decisionId", outcome.decisionId()).log("notify failed");
            }
        });
        return durable.publish(outcome);
    }
}
