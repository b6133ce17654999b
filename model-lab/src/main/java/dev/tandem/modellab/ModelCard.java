package dev.tandem.modellab;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.tandem.modellab.Metrics.CalibrationBin;
import dev.tandem.modellab.Metrics.PrecisionRecall;

import java.util.List;

/**
 * The model card written next to each {@code model.onnx} as {@code card.json}: what serving needs to
 * feed the model (inputs in column order, units, defaults, tensor names, the fraud column), the flow's
 * thresholds, and how the model was made and how good it is. Serving parses exactly these fields.
 */
record ModelCard(String name, String version, String flow, Input input, Output output, Thresholds thresholds,
        Training training, CardMetrics metrics, Libraries libraries) {

    /**
     * @param name the input tensor's name
     * @param features the inputs in the tensor's column order
     */
    record Input(String name, List<Feature> features) {
        Input {
            features = List.copyOf(features);
        }
    }

    /**
     * @param name a feature expression ({@code name}, {@code log1p(name)} or {@code ratio(a,b)})
     * @param unit the unit of the expression's value
     * @param defaultValue what serving uses when the value is missing or not finite: the training median
     * @param source {@code sync} when the decision-time features suffice, {@code enrichment} when it needs a late one
     */
    record Feature(String name, String unit, @JsonProperty("default") double defaultValue, String source) {
    }

    /**
     * @param name the output tensor's name ({@code [batch, 2]} class probabilities)
     * @param positiveIndex the fraud class's column
     */
    record Output(String name, int positiveIndex) {
    }

    /** Score cut-offs of the flow: at or above {@code review} REVIEW, at or above {@code decline} DECLINE. */
    record Thresholds(double review, double decline) {
    }

    /**
     * @param seed the generator's and the trainer's seed
     * @param rows training rows
     * @param positiveRate the fraud rate in the training rows
     * @param generator the generative process, in one line
     */
    record Training(long seed, int rows, double positiveRate, String generator) {
    }

    /** Quality on the held-out validation accounts of the training world. */
    record CardMetrics(double rocAuc, double prAuc, PrecisionRecall atReview, PrecisionRecall atDecline,
            List<CalibrationBin> calibration) {
        CardMetrics {
            calibration = List.copyOf(calibration);
        }
    }

    record Libraries(String tribuo, int onnxOpset, String java) {
    }

    dev.tandem.core.flow.Thresholds flowThresholds() {
        return new dev.tandem.core.flow.Thresholds(thresholds.review(), thresholds.decline());
    }

    List<String> featureNames() {
        return input.features().stream().map(Feature::name).toList();
    }

    double[] defaults() {
        return input.features().stream().mapToDouble(Feature::defaultValue).toArray();
    }
}
