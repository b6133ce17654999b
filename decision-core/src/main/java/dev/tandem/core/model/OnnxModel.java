package dev.tandem.core.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * A model served by ONNX Runtime from an artefact and its card. The input vector is built by
 * feature name from the card, never by accident of order: column {@code i} is the card's feature
 * {@code i}, evaluated as a {@link FeatureExpression} on the raw features, or its default (named in
 * the reasons) when it is missing or not finite.
 *
 * <p>Thread-safe: ONNX Runtime sessions may be run concurrently. Close it to free the native session.
 */
public final class OnnxModel implements Model, AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final ModelCard card;
    private final ModelInfo info;
    private final OrtSession session;
    private final FeatureExpression[] expressions;
    private final float[] defaults;
    private final List<String> inputs;

    private OnnxModel(ModelCard card, OrtSession session) {
        this.card = card;
        this.info = new ModelInfo(card.name(), card.version());
        this.session = session;
        List<ModelCard.Feature> features = card.input().features();
        this.expressions = new FeatureExpression[features.size()];
        this.defaults = new float[features.size()];
        var reads = new LinkedHashSet<String>();
        for (int i = 0; i < expressions.length; i++) {
            expressions[i] = FeatureExpression.parse(features.get(i).name());
            defaults[i] = (float) features.get(i).defaultValue();
            reads.addAll(expressions[i].reads());
        }
        this.inputs = List.copyOf(reads);
    }

    /**
     * Loads a model and checks it against its card: the input and output names exist, the input is
     * float32 {@code [batch, n]} with {@code n} the card's feature count, the positive column is 0 or 1.
     *
     * @throws IllegalArgumentException naming what does not match, or when the bytes are not an ONNX model
     */
    public static OnnxModel load(ModelCard card, byte[] onnx) {
        OrtSession session;
        try {
            session = ENV.createSession(onnx, new OrtSession.SessionOptions());
        }
        catch (OrtException ex) {
            throw new IllegalArgumentException(card.name() + " v" + card.version() + ": not a loadable ONNX model: "
                    + ex.getMessage(), ex);
        }
        try {
            check(card, session);
            return new OnnxModel(card, session);
        }
        catch (RuntimeException ex) {
            closeQuietly(session);
            throw ex;
        }
    }

    private static void check(ModelCard card, OrtSession session) {
        String model = card.name() + " v" + card.version();
        try {
            NodeInfo input = session.getInputInfo().get(card.input().name());
            if (input == null || !(input.getInfo() instanceof TensorInfo tensor)) {
                throw new IllegalArgumentException(model + ": no tensor input named '" + card.input().name()
                        + "'; the model has " + session.getInputNames());
            }
            long[] shape = tensor.getShape();
            int expected = card.input().features().size();
            if (shape.length != 2 || shape[1] != expected) {
                throw new IllegalArgumentException(model + ": input '" + card.input().name() + "' has shape "
                        + Arrays.toString(shape) + " but the card lists " + expected + " features");
            }
            if (!session.getOutputInfo().containsKey(card.output().name())) {
                throw new IllegalArgumentException(model + ": no output named '" + card.output().name()
                        + "'; the model has " + session.getOutputNames());
            }
            if (card.output().positiveIndex() < 0 || card.output().positiveIndex() > 1) {
                throw new IllegalArgumentException(model + ": output.positiveIndex must be 0 or 1");
            }
        }
        catch (OrtException ex) {
            throw new IllegalArgumentException(model + ": cannot read its inputs and outputs: " + ex.getMessage(), ex);
        }
    }

    public ModelCard card() {
        return card;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public Prediction predict(Map<String, Double> features) {
        return predictAll(List.of(features)).getFirst();
    }

    /**
     * Scores several inputs in one call of the runtime: one tensor {@code [rows, n]}.
     *
     * @throws IllegalStateException when the runtime fails (a bug or a broken native library)
     */
    public List<Prediction> predictAll(List<Map<String, Double>> rows) {
        int n = expressions.length;
        float[] vector = new float[rows.size() * n];
        var reasons = new ArrayList<List<String>>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            reasons.add(fill(rows.get(r), vector, r * n));
        }
        float[][] output = run(vector, rows.size());
        var predictions = new ArrayList<Prediction>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            predictions.add(new Prediction(output[r][card.output().positiveIndex()], info, reasons.get(r)));
        }
        return predictions;
    }

    private List<String> fill(Map<String, Double> raw, float[] vector, int offset) {
        List<String> reasons = List.of();
        for (int i = 0; i < expressions.length; i++) {
            double value = expressions[i].evaluate(raw);
            if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                if (reasons.isEmpty()) {
                    reasons = new ArrayList<>();
                }
                reasons.add("feature " + card.input().features().get(i).name() + " unavailable; default "
                        + defaults[i] + " used");
                vector[offset + i] = defaults[i];
            }
            else {
                vector[offset + i] = (float) value;
            }
        }
        return reasons;
    }

    private float[][] run(float[] vector, int rows) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(vector),
                new long[] { rows, expressions.length });
                OrtSession.Result result = session.run(Map.of(card.input().name(), tensor))) {
            return (float[][]) result.get(card.output().name()).orElseThrow().getValue();
        }
        catch (OrtException ex) {
            throw new IllegalStateException(info + ": ONNX Runtime failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        }
        catch (OrtException ignored) {
            // nothing more to free
        }
    }
}
