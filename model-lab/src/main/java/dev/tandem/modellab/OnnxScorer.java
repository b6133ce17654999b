package dev.tandem.modellab;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scores raw features with an exported model in ONNX Runtime, the way serving does: the input vector
 * built by name from the card (defaults for missing or non-finite values), float32 rows in batches,
 * the fraud probability read from the card's output column. Not thread-safe; close it when done.
 */
final class OnnxScorer implements AutoCloseable {

    private static final int BATCH = 1024;

    private final ModelCard card;
    private final InputVectors vectors;
    private final OrtEnvironment environment;
    private final OrtSession session;

    private OnnxScorer(ModelCard card, OrtEnvironment environment, OrtSession session) {
        this.card = card;
        this.vectors = new InputVectors(card.featureNames(), card.defaults());
        this.environment = environment;
        this.session = session;
    }

    /** Opens {@code model.onnx} and {@code card.json} in a model's folder. */
    static OnnxScorer open(Path folder) throws IOException {
        ModelCard card = ModelCards.read(folder.resolve("card.json"));
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try {
            return new OnnxScorer(card, environment, environment.createSession(folder.resolve("model.onnx").toString()));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + folder.resolve("model.onnx") + ": " + e.getMessage(), e);
        }
    }

    ModelCard card() {
        return card;
    }

    /** The input tensor's names, as the ONNX file declares them. */
    java.util.Set<String> inputNames() throws OrtException {
        return session.getInputInfo().keySet();
    }

    /** The fraud probability of each row. */
    double[] scores(List<Map<String, Double>> rows) throws OrtException {
        double[] scores = new double[rows.size()];
        int width = vectors.names().size();
        for (int start = 0; start < rows.size(); start += BATCH) {
            int size = Math.min(BATCH, rows.size() - start);
            FloatBuffer input = FloatBuffer.allocate(size * width);
            for (int r = 0; r < size; r++) {
                for (double value : vectors.vector(rows.get(start + r))) {
                    input.put((float) value);
                }
            }
            input.flip();
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, new long[] {size, width});
                    OrtSession.Result result = session.run(Map.of(card.input().name(), tensor))) {
                float[][] output = (float[][]) result.get(card.output().name())
                        .orElseThrow(() -> new IllegalStateException("the model has no output " + card.output().name()))
                        .getValue();
                for (int r = 0; r < size; r++) {
                    scores[start + r] = output[r][card.output().positiveIndex()];
                }
            }
        }
        return scores;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
