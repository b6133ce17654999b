package dev.tandem.workers.deeprisk;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.tandem.core.model.Model;
import dev.tandem.core.model.ModelCard;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.OnnxModel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.validation.annotation.Validated;

/** The deep-risk enricher, its model activated in the service's registry, and the threads that score. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeepRiskConfiguration.DeepRiskProperties.class)
class DeepRiskConfiguration {

    static final String PREFIX = "tandem.workers.deep-risk";

    /**
     * Prefix {@code tandem.workers.deep-risk}; how the batches are cut is under
     * {@code tandem.workers.enrichers.deep-risk}.
     *
     * @param model the heavy model and the version activated at start-up; it may read sync features only (the
     *        enricher runs beside the others, not after them)
     * @param requiredInputs raw inputs a decision must carry as finite numbers; without one it fails permanently
     * @param scoringThreads threads that call ONNX Runtime (each call scores a whole batch)
     * @param queuedBatches batches that may wait for a scoring thread; past that a batch is refused as a retryable
     *        failure
     */
    @Validated
    @ConfigurationProperties(PREFIX)
    record DeepRiskProperties(@DefaultValue @Valid DeepModel model, @DefaultValue("amount") List<String> requiredInputs,
            @DefaultValue("1") @Min(1) int scoringThreads, @DefaultValue("8") @Min(1) int queuedBatches) {

        /** The model's registry name and the version activated at start-up. */
        record DeepModel(@DefaultValue("payment-risk-deep") @NotBlank String name,
                @DefaultValue("1") @NotBlank String version) {
        }
    }

    /**
     * The scoring threads, shut down with the context. Not a bean of type {@code Executor}: one would make Spring
     * Boot back off from its own application task executor.
     */
    record ScoringThreads(ThreadPoolExecutor executor) implements AutoCloseable {

        static ScoringThreads of(DeepRiskProperties properties) {
            return new ScoringThreads(new ThreadPoolExecutor(properties.scoringThreads(), properties.scoringThreads(),
                    0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(properties.queuedBatches()),
                    new CustomizableThreadFactory("deep-risk-scoring-"), new ThreadPoolExecutor.AbortPolicy()));
        }

        @Override
        public void close() {
            executor.shutdown();
        }
    }

    @Bean
    ScoringThreads deepRiskScoring(DeepRiskProperties properties) {
        return ScoringThreads.of(properties);
    }

    @Bean
    DeepRiskEnricher deepRiskEnricher(ModelRegistry modelRegistry, DeepRiskProperties properties,
            ScoringThreads deepRiskScoring) {
        DeepRiskProperties.DeepModel choice = properties.model();
        try {
            modelRegistry.activate(choice.name(), choice.version(), model -> check(model, properties));
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(PREFIX + ".model (" + choice.name() + " v" + choice.version()
                    + ") cannot serve deep-risk: " + ex.getMessage(), ex);
        }
        return new DeepRiskEnricher(modelRegistry, choice.name(), Set.copyOf(properties.requiredInputs()),
                deepRiskScoring.executor());
    }

    /** The model must read sync features only, and every required input must be one it reads. */
    static void check(Model model, DeepRiskProperties properties) {
        if (model instanceof OnnxModel onnx) {
            List<String> late = onnx.card().input().features().stream().filter(f -> !f.isSync())
                    .map(ModelCard.Feature::name).toList();
            if (!late.isEmpty()) {
                throw new IllegalArgumentException("it reads features only enrichment provides " + late
                        + ", which deep-risk does not have");
            }
        }
        List<String> unread = properties.requiredInputs().stream().filter(name -> !model.inputs().contains(name))
                .toList();
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ".required-inputs names " + unread
                    + ", which the model does not read; it reads " + model.inputs());
        }
    }
}
