package dev.tandem.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
