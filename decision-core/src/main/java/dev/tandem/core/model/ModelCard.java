package dev.tandem.core.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a model artefact promises (its {@code card.json}): its inputs in input order with units and
 * defaults, its output, the thresholds it was tuned for, and how it was trained and how well it did.
 * The serving side reads {@link #input()} and {@link #output()}; the rest is for people.
 *
 * @param flow the flow the model was trained for
 * @param training seed, rows, positive rate and the generator, as written by the model lab
 * @param metrics ROC-AUC, PR-AUC, precision and recall at the thresholds, calibration
 * @param libraries library versions the model was built with
 */
public record ModelCard(String name, String version, String flow, Input input, Output output,
        @Nullable Thresholds thresholds, @Nullable Map<String, Object> training, @Nullable Map<String, Object> metrics,
        @Nullable Map<String, Object> libraries) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The model's input tensor: float32 {@code [batch, features.size()]}, columns in this order. */
    public record Input(String name, List<Feature> features) {
    }

    /**
     * One input column.
     *
     * @param name a {@link FeatureExpression} over the raw features
     * @param unit what the value measures, for people
     * @param defaultValue the value used when the feature is missing or not finite
     * @param source {@code sync} (known when the request arrives) or {@code enrichment}
     */
    public record Feature(String name, @Nullable String unit,
            @JsonProperty("default") double defaultValue, String source) {

        /** Whether the feature is known when the request arrives. */
        public boolean isSync() {
            return "sync".equals(source);
        }
    }

    /** The model's output tensor: float32 {@code [batch, 2]} probabilities; the risky class's column. */
    public record Output(String name, int positiveIndex) {
    }

    /** The score cut-offs the model was tuned for. */
    public record Thresholds(double review, double decline) {
    }

    /**
     * Reads a card.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ModelCard parse(String json) {
        ModelCard card;
        try {
            card = JSON.readValue(json, ModelCard.class);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("model card is not valid: " + ex.getOriginalMessage(), ex);
        }
        if (card.name() == null || card.version() == null || card.input() == null || card.output() == null
                || card.input().features() == null || card.input().features().isEmpty()) {
            throw new IllegalArgumentException("model card needs name, version, input.features and output");
        }
        card.input().features().forEach(feature -> FeatureExpression.parse(feature.name()));
        return card;
    }
}
