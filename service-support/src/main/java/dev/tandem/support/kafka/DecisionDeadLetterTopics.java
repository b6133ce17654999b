package dev.tandem.support.kafka;

import dev.tandem.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The decision lanes' dead-letter topics. Every service that consumes the lanes writes there (enrichment-workers'
 * enrichers, blender's deadline listener), and our brokers do not auto-create topics (ADR 0027): each of them
 * imports this, so that whichever starts first creates them.
 */
@Configuration(proxyBeanMethods = false)
public class DecisionDeadLetterTopics {

    @Bean
    NewTopic decisionsDeadLetterTopic(TopicsProperties topics) {
        return topics.topic(Topics.deadLetter(Topics.DECISIONS));
    }

    @Bean
    NewTopic bulkDecisionsDeadLetterTopic(TopicsProperties topics) {
        return topics.topic(Topics.deadLetter(Topics.DECISIONS_BULK));
    }
}
