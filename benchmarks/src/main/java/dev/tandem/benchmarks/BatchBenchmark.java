package dev.tandem.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtException;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.OnnxModel;
import dev.tandem.core.model.Prediction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batches through the full model with {@code predictAll}, one runtime call per batch, against the
 * runtime alone on a preallocated tensor of the same batch (the baseline). Times are per call;
 * {@link Summary} divides by the batch size for the per-row cost. Another committed model is measured with
 * {@code -p model=payment-risk-deep} (the {@link Summary} tables expect one model per run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g" })
public class BatchBenchmark {

    /** Distinct batches cycled through. */
    private static final int BATCHES = 16;

    @Param({ "1", "8", "32", "64", "128", "256" })
    public int batch;

    @Param({ Fixtures.FULL })
    public String model;

    private ModelRegistry registry;
    private OnnxModel onnx;
    private final List<List<Map<String, Double>>> batches = new ArrayList<>();
    private RuntimeOnly runtime;
    private int next;

    @Setup
    public void setUp() throws OrtException {
        registry = Fixtures.registry();
        onnx = Fixtures.activate(registry, model);
        List<Map<String, Double>> rows = Fixtures.rows(onnx, Fixtures.ROWS * 4, 42);
        for (int b = 0; b < BATCHES; b++) {
            int from = (b * batch) % (rows.size() - batch);
            batches.add(List.copyOf(rows.subList(from, from + batch)));
        }
        runtime = new RuntimeOnly(onnx, Fixtures.onnx(model), batches.getFirst());
    }

    @TearDown
    public void tearDown() throws OrtException {
        runtime.close();
        registry.close();
    }

    /** The whole batch path: a vector per row, one runtime call, a prediction per row. */
    @Benchmark
    public List<Prediction> predictAll() {
        return onnx.predictAll(batches.get(next++ & (BATCHES - 1)));
    }

    /** Baseline: the same artefact's session run on a tensor of the batch, allocated once. */
    @Benchmark
    public float runtimeOnly() throws OrtException {
        return runtime.run();
    }
}
