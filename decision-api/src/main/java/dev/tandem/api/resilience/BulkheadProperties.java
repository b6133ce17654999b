package dev.tandem.api.resilience;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prefix {@code tandem.api.bulkheads}: how many calls to each of decision-api's dependencies may be in flight at once
 * ({@link Bulkhead}). The three on Redis share one connection, whose queue ({@code tandem.redis.request-queue-size})
 * refuses every command once full. A permit is one call, which may be several commands (a feature read is one per
 * entity, the relay's scan one per bucket and outcome), and it is freed when the call times out while its commands
 * may still wait for Redis: so the three limits together must fit the queue (checked at start), which is needed but
 * not enough; the defaults leave room for about thirteen commands per permit.
 *
 * @param onlineFeatures feature reads and writes on the main connection (a cache miss; not its hedge, a bounded share
 *        on a connection of its own); beyond it a decision uses defaults, degraded
 * @param outcomeWrites outcome writes (a decision's create, the relay's and the blender's updates); beyond it a
 *        decision goes to the decision log alone, as when the store is slow
 * @param outcomeReads outcome reads (GET, long polls, event streams, the relay's scan); beyond it they answer 503, and
 *        a flood of polls never takes the decisions' share
 * @param decisionLog {@code DecisionMade} sends in flight (each may block a virtual thread for the producer's {@code
 *        max.block.ms} when the broker is unreachable); beyond it the outbox keeps the announcement for the relay
 */
@ConfigurationProperties("tandem.api.bulkheads")
public record BulkheadProperties(@DefaultValue("256") int onlineFeatures, @DefaultValue("256") int outcomeWrites,
        @DefaultValue("256") int outcomeReads, @DefaultValue("1024") int decisionLog) {
}
