package dev.tandem.blender.deadline;

import java.time.Clock;

import dev.tandem.blender.BlenderApplication;
import dev.tandem.blender.BlenderProperties;
import dev.tandem.blender.merge.BlenderMetrics;
import dev.tandem.blender.merge.OutcomePublisher;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.support.kafka.AvroListeners;
import dev.tandem.support.kafka.DecisionDeadLetterTopics;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/** Wires the deadline index, its listener on {@code tandem.decisions} and the sweeper. */
@Configuration(proxyBeanMethods = false)
@Import(DecisionDeadLetterTopics.class)
class DeadlineConfiguration {

    /** On the outcome store's connection: {@link DecisionIndexListener} needs their commands run in the order sent. */
    @Bean
    RedisDeadlineIndex deadlineIndex(StatefulRedisConnection<String, String> redis, BlenderProperties properties) {
        return new RedisDeadlineIndex(redis.async(), properties.storeTimeout());
    }

    /** The merge forgets an outcome's deadline as it makes the outcome final. */
    @Bean
    DeadlineRelease deadlineRelease(RedisDeadlineIndex deadlineIndex) {
        return new DeadlineRelease(deadlineIndex);
    }

    @Bean
    MeterBinder outcomesInFlight(RedisDeadlineIndex deadlineIndex) {
        return registry -> Gauge.builder(MetricNames.OUTCOME_IN_FLIGHT, deadlineIndex, RedisDeadlineIndex::size)
                .description("acknowledged decisions whose outcome is not final yet")
                .register(registry);
    }

    @Bean
    @Profile("!" + BlenderApplication.REBUILD)
    DecisionIndexListener decisionIndexListener(OutcomeStore outcomes, RedisDeadlineIndex deadlineIndex,
            BlenderProperties properties) {
        return new DecisionIndexListener(outcomes, deadlineIndex, properties.outcomeTtl(), properties.storeTimeout(),
                Clock.systemUTC());
    }

    @Bean
    @Profile("!" + BlenderApplication.REBUILD)
    SweeperSchedule sweeperSchedule(RedisDeadlineIndex deadlineIndex, OutcomeStore outcomes, OutcomePublisher publisher,
            BlenderMetrics metrics, BlenderProperties properties) {
        var sweeper = new DeadlineSweeper(deadlineIndex, outcomes, publisher, metrics, Clock.systemUTC(),
                properties.sweepBatch(), properties.storeTimeout());
        return new SweeperSchedule(sweeper, properties.sweepInterval());
    }

    @Bean
    DefaultKafkaProducerFactory<String, Object> decisionDeadLetterProducerFactory(KafkaProperties kafka) {
        return AvroListeners.deadLetterProducerFactory(DecisionMade.class, kafka.buildProducerProperties());
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, DecisionMade> decisionListenerFactory(KafkaProperties kafka,
            DefaultKafkaProducerFactory<String, Object> decisionDeadLetterProducerFactory, BlenderProperties properties,
            MeterRegistry meters) {
        return AvroListeners.factory(DecisionMade.class, kafka.buildConsumerProperties(),
                decisionDeadLetterProducerFactory,
                new AvroListeners.Settings(properties.concurrency(), properties.retryInterval(),
                        properties.retryMaxElapsed(), properties.commitInterval()),
                BlenderApplication.NAME, meters);
    }
}
