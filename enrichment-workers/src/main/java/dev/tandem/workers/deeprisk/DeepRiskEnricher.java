package dev.tandem.workers.deeprisk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.tandem.core.model.ModelInfo;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.Prediction;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;

/**
 * Scores decisions with the heavy model (by default {@code payment-risk-deep}, a factorization machine on the sync
 * features) and answers {@value #SCORE}, the model's fraud probability. A batch is scored in <b>one</b> call of ONNX
 * Runtime, one {@code [batch, n]} matrix, which is where batching pays: the runtime's fixed cost per call is
 * shared by the rows (docs/benchmarks.md).
 *
 * <p>Inputs: the raw features the model reads, taken from the request's sync features and, where those lack one,
 * from its numeric attributes. A request that lacks one of the {@code required} inputs as a finite number, or
 * whose attribute for an input is not a number, gets a permanent failure naming the input; any other missing
 * input takes the model card's default, as the fast model's does.
 *
 * <p>Threading: scoring runs on the bounded executor given, so the consumer thread only waits for the stage. An
 * executor that refuses the work (its queue is full) gives every request of the batch a retryable failure; a
 * failure of the runtime fails the stage, which the runner retries. Thread-safe; stateless between calls, so
 * repeating a decision is harmless.
 */
public final class DeepRiskEnricher implements Enricher {

    /** The enricher's name in flows' {@code required-enrichers}. */
    public static final String NAME = "deep-risk";

    /** The feature it answers: the heavy model's fraud probability, in [0, 1]. */
    public static final String SCORE = "deep_risk_score";

    private final ModelRegistry models;
    private final String model;
    private final Set<String> required;
    private final Executor scoring;

    /**
     * @param models the registry the model is active in
     * @param model the name of the model to score with (its active version)
     * @param required raw inputs a request must carry as finite numbers
     * @param scoring where the runtime is called; bounded, so a backlog is refused instead of queued for ever
     */
    public DeepRiskEnricher(ModelRegistry models, String model, Set<String> required, Executor scoring) {
        this.models = models;
        this.model = model;
        this.required = Set.copyOf(required);
        this.scoring = scoring;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The active model's name and version, such as {@code payment-risk-deep/1}. */
    @Override
    public String version() {
        ModelInfo info = models.get(model).info();
        return info.name() + "/" + info.version();
    }

    @Override
    public CompletionStage<List<EnrichmentAnswer>> enrich(List<EnrichmentRequest> batch) {
        List<String> reads = models.get(model).inputs();
        var answers = new EnrichmentAnswer[batch.size()];
        var rows = new ArrayList<Map<String, Double>>(batch.size());
        var rowOf = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Inputs inputs = inputs(batch.get(i), reads);
            switch (inputs) {
                case Inputs.Built built -> {
                    rowOf[rows.size()] = i;
                    rows.add(built.raw());
                }
                case Inputs.Refused refused -> answers[i] = EnrichmentAnswer.permanent(refused.reason());
            }
        }
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(List.of(answers));
        }
        try {
            return CompletableFuture.supplyAsync(() -> models.predictAll(model, rows), scoring)
                    .thenApply(predictions -> {
                        for (int r = 0; r < predictions.size(); r++) {
                            answers[rowOf[r]] = score(predictions.get(r));
                        }
                        return List.of(answers);
                    });
        } catch (RejectedExecutionException ex) {
            for (int r = 0; r < rows.size(); r++) {
                answers[rowOf[r]] = EnrichmentAnswer.retryable(NAME + " scoring is saturated (" + ex.getMessage()
                        + ")");
            }
            return CompletableFuture.completedFuture(List.of(answers));
        }
    }

    private static EnrichmentAnswer score(Prediction prediction) {
        return EnrichmentAnswer.features(Map.of(SCORE, prediction.score()));
    }

    /** The raw features of one request that the model reads, or why they cannot be built. */
    private Inputs inputs(EnrichmentRequest request, List<String> reads) {
        var raw = new HashMap<String, Double>(reads.size() * 2);
        for (String name : reads) {
            Double feature = request.features().get(name);
            Object attribute = request.attributes().get(name);
            if (feature == null && attribute != null && !(attribute instanceof Number)) {
                return new Inputs.Refused("decision " + request.decisionId() + ": input " + name + " is not a number ("
                        + attribute.getClass().getSimpleName() + ")");
            }
            Double value = feature != null ? feature : attribute instanceof Number n ? n.doubleValue() : null;
            if (value != null) {
                raw.put(name, value);
            }
            if (required.contains(name) && (value == null || !Double.isFinite(value))) {
                return new Inputs.Refused("decision " + request.decisionId() + " has no finite numeric input " + name
                        + ", which " + model + " needs");
            }
        }
        return new Inputs.Built(raw);
    }

    /** One request's model input, or why it has none. */
    private sealed interface Inputs {

        record Built(Map<String, Double> raw) implements Inputs {
        }

        record Refused(String reason) implements Inputs {
        }
    }
}
