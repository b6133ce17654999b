package dev.tandem.modellab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A trained Tribuo model with what serving needs to feed it: its inputs in Tribuo's feature-id order
 * (which is also the ONNX input column order), their defaults, and the output column of the fraud class.
 *
 * @param inputs the model's name and expressions
 * @param model the Tribuo model; one Tribuo exports to ONNX
 * @param vectors builds input rows in {@code inputOrder}
 * @param positiveIndex the fraud class's column in the model's output
 */
record TrainedModel(ModelInputs inputs, Model<Label> model, InputVectors vectors, int positiveIndex) {

    static final String FRAUD = "fraud";
    static final String LEGIT = "legit";

    TrainedModel {
        if (!(model instanceof ONNXExportable)) {
            throw new IllegalArgumentException(model.getClass().getSimpleName() + " does not export to ONNX");
        }
    }

    /** Writes the model as an ONNX file. */
    void saveOnnx(String domain, Path file) throws IOException {
        ((ONNXExportable) model).saveONNXModel(domain, 1, file);
    }

    /** The input expressions in column order. */
    List<String> inputOrder() {
        return vectors.names();
    }

    /** The fraud probability of each row, from Tribuo. */
    double[] scores(List<Map<String, Double>> rows) {
        var examples = new ArrayList<Example<Label>>(rows.size());
        String[] names = inputOrder().toArray(String[]::new);
        for (Map<String, Double> raw : rows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, vectors.vector(raw)));
        }
        double[] scores = new double[rows.size()];
        var predictions = model.predict(examples);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = predictions.get(i).getOutputScores().get(FRAUD).getScore();
        }
        return scores;
    }
}
