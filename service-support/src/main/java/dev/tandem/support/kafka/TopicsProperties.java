package dev.tandem.support.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics a service creates are laid out (every service reads the same keys), prefix {@code tandem.topics}.
 *
 * @param partitions partitions per topic
 * @param replicas replication factor (1 for a single local broker)
 * @param retryInterval how long after a failed attempt to create them the next one starts, until the broker has them
 *        ({@link TopicsConfiguration})
 */
@Validated
@ConfigurationProperties("tandem.topics")
public record TopicsProperties(@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicas,
        @DefaultValue("5s") Duration retryInterval) {

    public TopicsProperties {
        if (!retryInterval.isPositive()) {
            throw new IllegalArgumentException("tandem.topics.retry-interval must be positive, was " + retryInterval);
        }
    }

    /** Topic {@code name} laid out as these properties say, for a {@code NewTopic} bean of the service that owns it. */
    public NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas).build();
    }
}
