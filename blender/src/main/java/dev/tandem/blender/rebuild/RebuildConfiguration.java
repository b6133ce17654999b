package dev.tandem.blender.rebuild;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import dev.tandem.blender.BlenderApplication;
import dev.tandem.blender.BlenderProperties;
import dev.tandem.blender.deadline.DeadlineIndex;
import dev.tandem.blender.merge.BlenderMetrics;
import dev.tandem.blender.merge.MergeService;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.OutcomeStore;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The rebuild command's wiring (profile {@value BlenderApplication#REBUILD}): the merge rules with no
 * announcements (the outcomes topic already holds every version), over a replay of the topics.
 */
@Configuration(proxyBeanMethods = false)
@Profile(BlenderApplication.REBUILD)
class RebuildConfiguration {

    @Bean
    OutcomeRebuild outcomeRebuild(KafkaProperties kafka, OutcomeStore outcomes, DeadlineIndex deadlines, Flows flows,
            BlenderMetrics metrics, BlenderProperties properties) {
        var merges = new MergeService(flows, outcomes, outcome -> CompletableFuture.completedFuture(null), metrics, Clock.systemUTC(),
                properties.maxConflicts(), properties.storeTimeout());
        return new OutcomeRebuild(new TopicReplay(kafka.buildConsumerProperties()), outcomes, deadlines, merges,
                properties.storeTimeout());
    }
}
