package dev.tandem.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tandem.core.model.FeatureExpression;
import dev.tandem.core.model.ModelCard;
import dev.tandem.core.model.OnnxModel;

/**
 * The baseline: ONNX Runtime alone, a session of the same artefact run on an input tensor and into
 * an output tensor that are both allocated once, over direct buffers. No feature expressions, no
 * defaults, no Java arrays, no predictions: what scoring costs when the JVM side costs nothing.
 */
final class RuntimeOnly implements AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final OnnxTensor input;
    private final OnnxTensor output;
    private final FloatBuffer scores;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;

    /** A session for the model's artefact, with {@code rows} of the given inputs in its input tensor. */
    RuntimeOnly(OnnxModel model, byte[] onnx, List<Map<String, Double>> rows) throws OrtException {
        ModelCard card = model.card();
        List<ModelCard.Feature> features = card.input().features();
        FloatBuffer vector = direct(rows.size() * features.size());
        for (Map<String, Double> row : rows) {
            for (ModelCard.Feature feature : features) {
                double value = FeatureExpression.parse(feature.name()).evaluate(row);
                vector.put(Double.isFinite(value) ? (float) value : (float) feature.defaultValue());
            }
        }
        vector.rewind();
        scores = direct(rows.size() * 2);
        try (OrtSession.SessionOptions options = OnnxModel.sessionOptions()) { // as the served models run
            session = ENV.createSession(onnx, options);
        }
        input = OnnxTensor.createTensor(ENV, vector, new long[] { rows.size(), features.size() });
        output = OnnxTensor.createTensor(ENV, scores, new long[] { rows.size(), 2 });
        inputs = Map.of(card.input().name(), input);
        outputs = Map.of(card.output().name(), output);
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Runs the session once; returns the first row's first probability. */
    float run() throws OrtException {
        try (OrtSession.Result ignored = session.run(inputs, outputs)) {
            return scores.get(0);
        }
    }

    @Override
    public void close() throws OrtException {
        input.close();
        output.close();
        session.close();
    }
}
