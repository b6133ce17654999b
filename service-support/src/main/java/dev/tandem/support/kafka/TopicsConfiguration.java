package dev.tandem.support.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Binds {@code tandem.topics.*} and keeps creating the topics the service declares ({@code NewTopic} beans) until
 * the broker has them: Spring's {@code KafkaAdmin} tries once, at start, and a service started while the broker is
 * down would never try again ({@link TopicCreationRetry}, ADR 0027). Off with {@code spring.kafka.admin.auto-create}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsConfiguration {

    @Bean
    TopicCreation topicCreation(KafkaAdmin admin, TopicsProperties properties, ObjectProvider<NewTopic> topics,
            ObjectProvider<KafkaAdmin.NewTopics> topicGroups, Environment environment) {
        boolean anyTopics = topics.stream().findAny().isPresent() || topicGroups.stream().findAny().isPresent();
        boolean autoCreate = environment.getProperty("spring.kafka.admin.auto-create", Boolean.class, true);
        return new TopicCreation(admin::initialize, properties.retryInterval(), anyTopics && autoCreate);
    }

    @Bean
    HealthIndicator kafkaTopicsHealthIndicator(TopicCreation topicCreation) {
        return topicCreation::health;
    }
}
