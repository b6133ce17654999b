package dev.tandem.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample models, served through ONNX Runtime and the registry. */
class OnnxModelTests {

    static final String FAST = "payment-risk-fast";
    static final String FULL = "payment-risk-full";

    @TempDir
    Path folder;

    private ModelRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private ModelRegistry registry() {
        registry = new ModelRegistry(folder, getClass().getClassLoader());
        return registry;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = OnnxModelTests.class.getClassLoader().getResourceAsStream("models/" + path)) {
            assertThat(in).as("models/" + path + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    /** Every raw feature the card's inputs read, at a plausible positive value. */
    private static Map<String, Double> allInputs(OnnxModel model) {
        var raw = new HashMap<String, Double>();
        model.inputs().forEach(name -> raw.put(name, 2.0));
        return raw;
    }

    /** {@code count} rows of every raw input at different values, seeded. */
    private static List<Map<String, Double>> rows(OnnxModel model, int count) {
        var random = new SplittableRandom(7);
        var rows = new ArrayList<Map<String, Double>>();
        for (int r = 0; r < count; r++) {
            var raw = new HashMap<String, Double>();
            model.inputs().forEach(name -> raw.put(name, random.nextDouble(0.01, 50)));
            rows.add(raw);
        }
        return rows;
    }

    @Test
    void sampleModels_loadAndScoreInputsBuiltByName() {
        OnnxModel fast = (OnnxModel) registry().activate(FAST, "1", model -> { });
        OnnxModel full = (OnnxModel) registry.activate(FULL, "1", model -> { });

        Prediction prediction = fast.predict(allInputs(fast));

        assertThat(prediction.score()).isBetween(0.0, 1.0);
        assertThat(prediction.reasons()).isEmpty();
        assertThat(prediction.model()).isEqualTo(new ModelInfo(FAST, "1"));
        assertThat(fast.card().input().features()).allMatch(ModelCard.Feature::isSync);
        assertThat(full.card().input().features()).anyMatch(feature -> !feature.isSync());
        assertThat(full.inputs()).containsAll(fast.inputs());
    }

    @Test
    void predict_missingNaNAndInfiniteFeatures_takeTheCardDefaultsAndAreNamed() {
        OnnxModel fast = (OnnxModel) registry().activate(FAST, "1", model -> { });
        List<ModelCard.Feature> features = fast.card().input().features();
        var raw = allInputs(fast);
        String first = features.getFirst().name();
        FeatureExpression.parse(first).reads().forEach(name -> raw.put(name, Double.NaN));
        raw.put("unknown_feature", 42.0);

        Prediction prediction = fast.predict(raw);

        assertThat(prediction.reasons()).anyMatch(reason -> reason.startsWith("feature " + first + " unavailable; default"));
        assertThat(prediction.score()).isBetween(0.0, 1.0);
        assertThat(fast.predict(Map.of()).reasons()).hasSize(features.size());
        var infinite = allInputs(fast);
        infinite.replaceAll((name, value) -> Double.POSITIVE_INFINITY);
        assertThat(fast.predict(infinite).reasons()).isNotEmpty();
    }

    @Test
    void predictAll_scoresABatchAsEachRowAlone() {
        OnnxModel full = (OnnxModel) registry().activate(FULL, "1", model -> { });
        var a = allInputs(full);
        var b = new HashMap<>(a);
        b.replaceAll((name, value) -> value * 7);

        List<Prediction> batch = full.predictAll(List.of(a, b, Map.of()));

        assertThat(batch.get(0).score()).isCloseTo(full.predict(a).score(), within(1e-6));
        assertThat(batch.get(1).score()).isCloseTo(full.predict(b).score(), within(1e-6));
        assertThat(batch.get(2).score()).isCloseTo(full.predict(Map.of()).score(), within(1e-6));
    }

    @Test
    void predict_givesTheRuntimesScoreForTheVectorInCardOrder() throws Exception {
        OnnxModel full = (OnnxModel) registry().activate(FULL, "1", model -> { });
        Map<String, Double> raw = rows(full, 1).getFirst();
        List<ModelCard.Feature> features = full.card().input().features();
        float[][] vector = new float[1][features.size()];
        for (int i = 0; i < features.size(); i++) {
            vector[0][i] = (float) FeatureExpression.parse(features.get(i).name()).evaluate(raw);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float expected;
        try (OrtSession session = env.createSession(resource(FULL + "/1/model.onnx"), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, vector);
                OrtSession.Result result = session.run(Map.of("input", input))) {
            expected = ((float[][]) result.get(0).getValue())[0][full.card().output().positiveIndex()];
        }

        assertThat(full.predict(raw).score()).isEqualTo(expected);
        assertThat(full.predictAll(List.of(raw, raw)).get(1).score()).isEqualTo(expected);
    }

    @Test
    void predictAll_batchesOfChangingSizes_scoreEachRowAsAlone() {
        OnnxModel full = (OnnxModel) registry().activate(FULL, "1", model -> { });
        List<Map<String, Double>> rows = rows(full, 1500);

        for (int size : new int[] { 1, 3, 1, 64, 1500, 2, 0 }) {
            List<Prediction> batch = full.predictAll(rows.subList(0, size));

            assertThat(batch).hasSize(size);
            for (int r = 0; r < size; r += 97) {
                assertThat(batch.get(r).score()).as("row %d of %d", r, size).isEqualTo(full.predict(rows.get(r)).score());
            }
        }
    }

    @Test
    void predict_concurrentCallers_eachGetTheScoreOfTheirOwnRow() throws Exception {
        OnnxModel fast = (OnnxModel) registry().activate(FAST, "1", model -> { });
        List<Map<String, Double>> rows = rows(fast, 200);
        List<Double> expected = rows.stream().map(row -> fast.predict(row).score()).toList();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Future<Boolean>>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 25;
                calls.add(threads.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        int r = (offset + i) % rows.size();
                        List<Prediction> pair = fast.predictAll(List.of(rows.get(r), rows.get((r + 1) % rows.size())));
                        if (fast.predict(rows.get(r)).score() != expected.get(r)
                                || pair.get(1).score() != expected.get((r + 1) % rows.size())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> call : calls) {
                assertThat(call.get()).isTrue();
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void activate_corruptArtefact_isRefusedAndThePreviousVersionKeepsServing() throws IOException {
        Model v1 = registry().activate(FAST, "1", model -> { });
        Path v2 = Files.createDirectories(folder.resolve(FAST).resolve("2"));
        Files.writeString(v2.resolve("card.json"), new String(resource(FAST + "/1/card.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"version\"\\s*:\\s*\"1\"", "\"version\":\"2\""));
        Files.write(v2.resolve("model.onnx"), "not a model".getBytes(StandardCharsets.UTF_8));

        assertThatIllegalArgumentException().isThrownBy(() -> registry.activate(FAST, "2", model -> { }))
                .withMessageContaining("not a loadable ONNX model");
        assertThat(registry.get(FAST)).isSameAs(v1);
    }

    @Test
    void activate_cardWhoseInputsDoNotMatchTheModel_isRefused() throws IOException {
        Path v3 = Files.createDirectories(folder.resolve(FAST).resolve("3"));
        ModelCard card = ModelCard.parse(new String(resource(FAST + "/1/card.json"), StandardCharsets.UTF_8));
        String oneFeatureShort = new String(resource(FAST + "/1/card.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"version\"\\s*:\\s*\"1\"", "\"version\":\"3\"")
                .replaceFirst("\\{[^{}]*\"name\"\\s*:\\s*\"" + Pattern.quote(
                        card.input().features().getLast().name()) + "\"[^{}]*\\}", "")
                .replaceAll(",\\s*]", "]");
        Files.writeString(v3.resolve("card.json"), oneFeatureShort);
        Files.write(v3.resolve("model.onnx"), resource(FAST + "/1/model.onnx"));

        assertThatIllegalArgumentException().isThrownBy(() -> registry().activate(FAST, "3", model -> { }))
                .withMessageContaining("but the card lists " + (card.input().features().size() - 1) + " features");
    }

    @Test
    void activate_missingVersion_namesWhereItLooked() {
        assertThatIllegalArgumentException().isThrownBy(() -> registry().activate(FAST, "9", model -> { }))
                .withMessageContaining("no model file " + FAST + "/9/card.json");
    }
}
