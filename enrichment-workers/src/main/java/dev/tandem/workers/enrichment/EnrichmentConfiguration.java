package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.util.List;

import dev.tandem.kafka.AvroListeners;
import dev.tandem.kafka.TopicsProperties;
import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.serde.AvroSerializer;
import dev.tandem.workers.EnrichmentWorkersApplication;
import dev.tandem.workers.WorkersProperties;
import dev.tandem.workers.velocity.VelocityEnricher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the enrichers, the decision listener, its error handling and dead letters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
class EnrichmentConfiguration {

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> tandemRedisConnection(LettuceConnectionFactory factory) {
        return ((RedisClient) factory.getRequiredNativeClient()).connect();
    }

    @Bean
    VelocityEnricher velocityEnricher(StatefulRedisConnection<String, String> redis, WorkersProperties properties) {
        return new VelocityEnricher(redis.async(), properties.velocityRetention());
    }

    @Bean
    DecisionListener decisionListener(List<Enricher> enrichers, WorkersProperties properties, KafkaProperties kafka,
            MeterRegistry meters) {
        var runner = new EnrichmentRunner(enrichers, properties.enricherTimeout(), Clock.systemUTC());
        var factory = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
                new AvroSerializer<>(EnrichmentCompleted.class));
        return new DecisionListener(runner, new KafkaTemplate<>(factory), meters);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, DecisionMade> decisionListenerFactory(KafkaProperties kafka,
            WorkersProperties properties, MeterRegistry meters) {
        return AvroListeners.factory(DecisionMade.class, kafka.buildConsumerProperties(), kafka.buildProducerProperties(),
                new AvroListeners.Retry(properties.retryInterval(), properties.retryMaxElapsed()),
                EnrichmentWorkersApplication.NAME, meters);
    }

    @Bean
    NewTopic enrichmentsTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.ENRICHMENTS).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }

    @Bean
    NewTopic decisionsDeadLetterTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.deadLetter(Topics.DECISIONS)).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }
}
