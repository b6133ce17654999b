package dev.tandem.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.jspecify.annotations.Nullable;

/**
 * One call's working memory for an {@link OnnxModel}: a direct input buffer of {@code capacity}
 * rows, a direct output buffer the runtime writes the probabilities into, and the tensors over both
 * for the last row count used. Reused from call to call through a {@link ScratchPool}, it spares each
 * call a direct buffer (which ONNX Runtime otherwise copies a heap array into), the output arrays and
 * the tensors themselves.
 *
 * <p>Not thread-safe: one caller at a time, between {@link ScratchPool#acquire} and
 * {@link ScratchPool#release}.
 */
final class TensorScratch implements AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final int OUTPUTS = 2;

    private final int capacity;
    private final int features;
    private final String inputName;
    private final String outputName;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final List<String>[] reasons;
    private int rows;
    private @Nullable OnnxTensor inputTensor;
    private @Nullable OnnxTensor outputTensor;
    private Map<String, OnnxTensor> inputs = Map.of();
    private Map<String, OnnxTensor> outputs = Map.of();

    TensorScratch(int capacity, int features, String inputName, String outputName) {
        this.capacity = capacity;
        this.features = features;
        this.inputName = inputName;
        this.outputName = outputName;
        this.input = direct(capacity * features);
        this.output = direct(capacity * OUTPUTS);
        @SuppressWarnings("unchecked")
        List<String>[] perRow = (List<String>[]) new List<?>[capacity];
        Arrays.fill(perRow, List.of());
        this.reasons = perRow;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    int capacity() {
        return capacity;
    }

    /** Sets column {@code column} of row {@code row} of the next input. */
    void put(int row, int column, float value) {
        input.put(row * features + column, value);
    }

    /** Keeps row {@code row}'s reasons until its prediction is made. */
    void reasons(int row, List<String> reasons) {
        this.reasons[row] = reasons;
    }

    /** Row {@code row}'s reasons, forgotten here. */
    List<String> takeReasons(int row) {
        List<String> taken = reasons[row];
        reasons[row] = List.of();
        return taken;
    }

    /** Runs the session on the first {@code rows} rows of the input; the output is then readable. */
    void run(OrtSession session, int rows) throws OrtException {
        bind(rows);
        session.run(inputs, outputs).close();
    }

    /** Column {@code column} of row {@code row} of the last output. */
    float output(int row, int column) {
        return output.get(row * OUTPUTS + column);
    }

    private void bind(int rows) throws OrtException {
        if (rows == this.rows) {
            return;
        }
        closeTensors();
        inputTensor = OnnxTensor.createTensor(ENV, input.slice(0, rows * features), new long[] { rows, features });
        outputTensor = OnnxTensor.createTensor(ENV, output.slice(0, rows * OUTPUTS), new long[] { rows, OUTPUTS });
        inputs = Map.of(inputName, inputTensor);
        outputs = Map.of(outputName, outputTensor);
        this.rows = rows;
    }

    private void closeTensors() {
        if (inputTensor != null) {
            inputTensor.close();
        }
        if (outputTensor != null) {
            outputTensor.close();
        }
        inputTensor = null;
        outputTensor = null;
        rows = 0;
    }

    @Override
    public void close() {
        closeTensors();
    }
}
