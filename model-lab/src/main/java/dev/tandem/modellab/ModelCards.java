package dev.tandem.modellab;

import dev.tandem.modellab.Metrics.CalibrationBin;
import dev.tandem.modellab.Metrics.PrecisionRecall;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds model cards, and reads and writes them as JSON. */
final class ModelCards {

    static final String FLOW = "payment-risk";
    static final String VERSION = "1";
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String TRIBUO_VERSION = org.tribuo.Tribuo.VERSION;

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelCards() {
    }

    static ModelCard build(TrainedModel model, dev.tandem.core.flow.Thresholds thresholds, ModelCard.Training training,
            double[] validationScores, boolean[] validationFraud, int onnxOpset) {
        var features = new ArrayList<ModelCard.Feature>();
        double[] defaults = model.vectors().defaults();
        for (int i = 0; i < defaults.length; i++) {
            String name = model.inputOrder().get(i);
            features.add(new ModelCard.Feature(name, ModelInputs.unit(name), round(defaults[i]), ModelInputs.source(name)));
        }
        var metrics = new ModelCard.CardMetrics(
                round(Metrics.rocAuc(validationScores, validationFraud)),
                round(Metrics.prAuc(validationScores, validationFraud)),
                round(Metrics.at(thresholds.review(), validationScores, validationFraud)),
                round(Metrics.at(thresholds.decline(), validationScores, validationFraud)),
                Metrics.calibration(validationScores, validationFraud).stream().map(ModelCards::round).toList());
        return new ModelCard(model.inputs().model(), VERSION, FLOW, new ModelCard.Input(INPUT, features),
                new ModelCard.Output(OUTPUT, model.positiveIndex()),
                new ModelCard.Thresholds(thresholds.review(), thresholds.decline()), training, metrics,
                new ModelCard.Libraries(TRIBUO_VERSION, onnxOpset, Runtime.version().toString()));
    }

    static void write(ModelCard card, Path file) throws IOException {
        try {
            JSON.writeValue(file.toFile(), card);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    static ModelCard read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), ModelCard.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("cannot read the model card " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Where a model's files live under a models folder: {@code <name>/<version>/}. */
    static Path folder(Path models, String name) {
        return models.resolve(name).resolve(VERSION);
    }

    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static PrecisionRecall round(PrecisionRecall pr) {
        return new PrecisionRecall(round(pr.precision()), round(pr.recall()));
    }

    private static CalibrationBin round(CalibrationBin bin) {
        return new CalibrationBin(bin.from(), bin.to(), round(bin.predicted()), round(bin.observed()), bin.count());
    }

    static List<String> names() {
        return List.of(ModelInputs.FAST.model(), ModelInputs.FULL.model(), ModelInputs.DEEP.model());
    }
}
