package dev.tandem.support.kafka;

import java.time.Duration;

import org.springframework.kafka.listener.ContainerProperties;

/**
 * Offsets committed on a timer ({@code AckMode.TIME}) instead of one commit per record or poll, each a request that
 * the broker's group coordinator writes to its log. What stays at least once, as spring-kafka's container does it:
 * <ul>
 * <li>a record's offset joins the pending ones only after the listener returned for it (its work is durable: the
 * listeners wait for their writes), or after the error handler recovered it (its dead letter is acknowledged); the
 * container commits the highest pending offset of each partition, which is never past a record not done, since a
 * failure seeks back to the first record not done (records before it in a failed poll the error handler commits
 * itself, as before);</li>
 * <li>the pending offsets are committed once the interval has passed, checked after each record or poll and before
 * each poll (an idle poll lasts at most the interval, so a quiet partition's last offsets go within about two
 * intervals), and always when partitions are revoked and when the container stops.</li>
 * </ul>
 * Whether a commit is waited for stays each factory's choice. An asynchronous one is safe at those two moments too:
 * a revoking consumer sends it to the coordinator before it rejoins, on the same connection, so it is written before
 * the partitions have a new owner; and closing a consumer waits for its commits in flight.
 * A crash loses the interval's commits, never a record: the partition's next owner does that work again, which every
 * listener here tolerates (ADRs 0002, 0009 and 0025).
 */
final class TimedCommits {

    private TimedCommits() {
    }

    static void apply(ContainerProperties container, Duration interval) {
        container.setAckMode(ContainerProperties.AckMode.TIME);
        container.setAckTime(interval.toMillis());
        container.setPollTimeout(Math.min(container.getPollTimeout(), interval.toMillis()));
    }
}
