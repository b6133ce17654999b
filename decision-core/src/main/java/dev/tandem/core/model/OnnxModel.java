package dev.tandem.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.jspecify.annotations.Nullable;

/**
 * A model served by ONNX Runtime from an artefact and its card. The input vector is built by
 * feature name from the card, never by accident of order: column {@code i} is the card's feature
 * {@code i}, evaluated as a {@link FeatureExpression} on the raw features, or its default (named in
 * the reasons) when it is missing or not finite.
 *
 * <p>Thread-safe: ONNX Runtime sessions may be run concurrently, and each call scores in native
 * buffers of its own, taken from a small pool and given back (see docs/benchmarks.md for what that
 * saves). Close it to free the native session and the pooled buffers: calls in progress then run to
 * their end, the last of them frees, and a call made after the close throws
 * {@link IllegalStateException}. Each call counts itself in and out with one atomic integer.
 */
public final class OnnxModel implements Model, AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    /** Batches up to this many rows reuse pooled buffers; larger ones get buffers of their own. */
    private static final int MAX_POOLED_ROWS = 1024;

    private final ModelCard card;
    private final ModelInfo info;
    private final OrtSession session;
    private final FeatureExpression[] expressions;
    private final float[] defaults;
    private final List<String> inputs;
    private final int positiveIndex;
    private final ScratchPool scratches;
    private final InFlightCalls calls = new InFlightCalls(this::free);

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
        this.positiveIndex = card.output().positiveIndex();
        this.scratches = new ScratchPool(2 * Runtime.getRuntime().availableProcessors(), MAX_POOLED_ROWS,
                expressions.length, card.input().name(), card.output().name());
    }

    /**
     * Loads a model and checks it against its card: the input and output names exist, the input is
     * float32 {@code [batch, n]} with {@code n} the card's feature count, the positive column is 0 or 1.
     *
     * @throws IllegalArgumentException naming what does not match, or when the bytes are not an ONNX model
     */
    public static OnnxModel load(ModelCard card, byte[] onnx) {
        OrtSession session;
        try (OrtSession.SessionOptions options = sessionOptions()) {
            session = ENV.createSession(onnx, options);
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

    /**
     * How every model's session runs: on the calling thread alone (one intra-op thread, sequential). ONNX Runtime's
     * default gives each session a pool of threads, one per core, which spin for a while after each run to be ready for
     * the next: four native threads in the benchmark's decision-api, for single rows that never needed them. The
     * caller's thread is the parallelism (requests score concurrently; the enrichers' micro-batches run on their own
     * threads). Measured: the same single-row and batch scores in JMH, and no change in CPU per decision at 2,000/s
     * that the runs' spread could show (docs/benchmarks.md, hot path result 21).
     */
    public static OrtSession.SessionOptions sessionOptions() throws OrtException {
        var options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        return options;
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
            if (tensor.type != OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException(model + ": input '" + card.input().name() + "' holds "
                        + tensor.type + ", not float32");
            }
            NodeInfo output = session.getOutputInfo().get(card.output().name());
            if (output == null) {
                throw new IllegalArgumentException(model + ": no output named '" + card.output().name()
                        + "'; the model has " + session.getOutputNames());
            }
            if (!(output.getInfo() instanceof TensorInfo scores) || scores.type != OnnxJavaType.FLOAT
                    || scores.getShape().length != 2 || scores.getShape()[1] != 2) {
                throw new IllegalArgumentException(model + ": output '" + card.output().name()
                        + "' is not float32 [batch, 2] but " + output.getInfo());
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

    /** @throws IllegalStateException when the model is closed, or the runtime fails */
    @Override
    public Prediction predict(Map<String, Double> features) {
        Prediction prediction = predictIfOpen(features);
        if (prediction == null) {
            throw closed();
        }
        return prediction;
    }

    /** Scores, or returns {@code null} when the model is closed (the registry then asks its successor). */
    @Nullable Prediction predictIfOpen(Map<String, Double> features) {
        if (!calls.tryEnter()) {
            return null;
        }
        try {
            return score(features);
        }
        finally {
            calls.exit();
        }
    }

    private Prediction score(Map<String, Double> features) {
        TensorScratch scratch = scratches.acquire(1);
        try {
            List<String> reasons = fill(features, scratch, 0);
            run(scratch, 1);
            return new Prediction(scratch.output(0, positiveIndex), info, reasons);
        }
        finally {
            scratches.release(scratch);
        }
    }

    /**
     * Scores several inputs in one call of the runtime: one tensor {@code [rows, n]}.
     *
     * @throws IllegalStateException when the model is closed, or the runtime fails (a bug or a broken
     *         native library)
     */
    public List<Prediction> predictAll(List<Map<String, Double>> rows) {
        List<Prediction> predictions = predictAllIfOpen(rows);
        if (predictions == null) {
            throw closed();
        }
        return predictions;
    }

    /** Scores a batch, or returns {@code null} when the model is closed (the registry then asks its successor). */
    @Nullable List<Prediction> predictAllIfOpen(List<Map<String, Double>> rows) {
        int count = rows.size();
        if (count == 0) {
            return new ArrayList<>();
        }
        if (!calls.tryEnter()) {
            return null;
        }
        try {
            return scoreAll(rows, count);
        }
        finally {
            calls.exit();
        }
    }

    private List<Prediction> scoreAll(List<Map<String, Double>> rows, int count) {
        TensorScratch scratch = scratches.acquire(count);
        try {
            for (int r = 0; r < count; r++) {
                scratch.reasons(r, fill(rows.get(r), scratch, r));
            }
            run(scratch, count);
            var predictions = new ArrayList<Prediction>(count);
            for (int r = 0; r < count; r++) {
                predictions.add(new Prediction(scratch.output(r, positiveIndex), info, scratch.takeReasons(r)));
            }
            return predictions;
        }
        finally {
            scratches.release(scratch);
        }
    }

    private List<String> fill(Map<String, Double> raw, TensorScratch scratch, int row) {
        List<String> reasons = List.of();
        for (int i = 0; i < expressions.length; i++) {
            double value = expressions[i].evaluate(raw);
            if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                if (reasons.isEmpty()) {
                    reasons = new ArrayList<>();
                }
                reasons.add("feature " + card.input().features().get(i).name() + " unavailable; default "
                        + defaults[i] + " used");
                scratch.put(row, i, defaults[i]);
            }
            else {
                scratch.put(row, i, (float) value);
            }
        }
        return reasons;
    }

    private void run(TensorScratch scratch, int rows) {
        try {
            scratch.run(session, rows);
        }
        catch (OrtException ex) {
            throw new IllegalStateException(info + ": ONNX Runtime failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Closes the model: no call starts after this; the native session and buffers are freed at once
     * when no call is in progress, else by the last call in progress as it returns. Idempotent.
     */
    @Override
    public void close() {
        calls.close();
    }

    /** Whether the model is closed and its native session and buffers freed (or being freed). */
    boolean isFreed() {
        return calls.isDrained();
    }

    private void free() {
        scratches.close();
        closeQuietly(session);
    }

    private IllegalStateException closed() {
        return new IllegalStateException(info + " is closed: a newer version replaced it, or its registry closed");
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
