package dev.tandem.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtException;
import dev.tandem.core.model.FeatureExpression;
import dev.tandem.core.model.ModelCard;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.OnnxModel;
import dev.tandem.core.model.Prediction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One row through the fast model, as decision-api scores each request: {@code predict} against the
 * runtime alone on a preallocated tensor (the baseline) and the feature vector alone. Sampled, so the
 * result has percentiles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g" })
public class SingleRowBenchmark {

    private static final int MASK = Fixtures.ROWS - 1;

    private ModelRegistry registry;
    private OnnxModel model;
    private List<Map<String, Double>> rows;
    private RuntimeOnly runtime;
    private FeatureExpression[] expressions;
    private float[] vector;
    private int next;

    @Setup
    public void setUp() throws OrtException {
        registry = Fixtures.registry();
        model = Fixtures.activate(registry, Fixtures.FAST);
        rows = Fixtures.rows(model, Fixtures.ROWS, 42);
        runtime = new RuntimeOnly(model, Fixtures.onnx(Fixtures.FAST), rows.subList(0, 1));
        expressions = model.card().input().features().stream()
                .map(ModelCard.Feature::name).map(FeatureExpression::parse).toArray(FeatureExpression[]::new);
        vector = new float[expressions.length];
    }

    @TearDown
    public void tearDown() throws OrtException {
        runtime.close();
        registry.close();
    }

    /** The whole single-row path: feature expressions, defaults, the runtime, the prediction. */
    @Benchmark
    public Prediction predict() {
        return model.predict(rows.get(next++ & MASK));
    }

    /** Baseline: the same artefact's session run on a tensor and into an output allocated once. */
    @Benchmark
    public float runtimeOnly() throws OrtException {
        return runtime.run();
    }

    /** The card's feature expressions evaluated on one row into a float vector, nothing else. */
    @Benchmark
    public float[] featureVector() {
        Map<String, Double> row = rows.get(next++ & MASK);
        for (int i = 0; i < expressions.length; i++) {
            vector[i] = (float) expressions[i].evaluate(row);
        }
        return vector;
    }
}
