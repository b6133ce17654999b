package dev.tandem.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switching versions under load: no call fails, and every version switched out is freed. */
class ModelRegistryTests {

    static final String FAST = OnnxModelTests.FAST;

    @TempDir
    Path folder;

    private ModelRegistry registry;
    private ExecutorService threads;

    @BeforeEach
    void versionTwo() throws IOException {
        // the sample model again as version 2: the same scores, another native session
        Path v2 = Files.createDirectories(folder.resolve(FAST).resolve("2"));
        Files.writeString(v2.resolve("card.json"), new String(resource(FAST + "/1/card.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"version\"\\s*:\\s*\"1\"", "\"version\":\"2\""));
        Files.write(v2.resolve("model.onnx"), resource(FAST + "/1/model.onnx"));
        registry = new ModelRegistry(folder, getClass().getClassLoader());
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        registry.close();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ModelRegistryTests.class.getClassLoader().getResourceAsStream("models/" + path)) {
            assertThat(in).as("models/" + path + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    private OnnxModel activate(String version) {
        return (OnnxModel) registry.activate(FAST, version, model -> { });
    }

    private static Map<String, Double> row(Model model) {
        var raw = new HashMap<String, Double>();
        model.inputs().forEach(name -> raw.put(name, 3.0));
        return raw;
    }

    @Test
    void predictAll_scoresTheBatchWithTheActiveVersion_evenWhenAModelTakenBeforeTheSwitchIsClosed() {
        OnnxModel first = activate("1");
        Map<String, Double> row = row(first);
        double expected = first.predict(row).score();

        activate("2");
        List<Prediction> batch = registry.predictAll(FAST, List.of(row, Map.of(), row));

        assertThat(batch).extracting(p -> p.model().version()).containsOnly("2");
        assertThat(batch.get(0).score()).isEqualTo(expected);
        assertThat(batch.get(2).score()).isEqualTo(expected);
        assertThat(batch.get(1).reasons()).isNotEmpty();
        assertThatIllegalStateException().isThrownBy(() -> first.predictAll(List.of(row)));
    }

    @Test
    void predictAll_unknownModel_isRefusedNamingTheActiveOnes() {
        activate("1");
        assertThatIllegalStateException().isThrownBy(() -> registry.predictAll("nope", List.of(Map.of())))
                .withMessageContaining("nope").withMessageContaining(FAST);
    }

    @Test
    void predict_whileVersionsAreSwitched_failsNoCall_andEverySwitchedOutVersionIsFreed() throws Exception {
        var activated = new ArrayList<OnnxModel>(List.of(activate("1")));
        Map<String, Double> row = row(activated.getFirst());
        double expected = activated.getFirst().predict(row).score();
        var stop = new AtomicBoolean();
        var byVersion = new ConcurrentHashMap<String, Integer>();
        var scorers = new ArrayList<Future<Integer>>();
        for (int t = 0; t < 3; t++) {
            scorers.add(threads.submit(() -> {
                int calls = 0;
                while (!stop.get()) {
                    Prediction prediction = registry.predict(FAST, row);
                    assertThat(prediction.score()).isEqualTo(expected);
                    byVersion.merge(prediction.model().version(), 1, Integer::sum);
                    calls++;
                }
                return calls;
            }));
        }

        for (int i = 1; i <= 30; i++) {
            Thread.sleep(2);
            activated.add(activate(i % 2 == 1 ? "2" : "1"));
        }
        stop.set(true);
        for (Future<Integer> scorer : scorers) {
            assertThat(scorer.get(30, TimeUnit.SECONDS)).isPositive(); // any failed call would throw here
        }

        assertThat(byVersion).containsOnlyKeys("1", "2");
        assertThat(activated.subList(0, activated.size() - 1)).allMatch(OnnxModel::isFreed);
        OnnxModel current = activated.getLast();
        assertThat(current.isFreed()).isFalse();
        assertThat(registry.predict(FAST, row).model()).isEqualTo(current.info());
    }

    @Test
    void activate_whileACallRunsOnTheOldVersion_theCallEndsOnIt_whichIsFreedOnlyThen() throws Exception {
        OnnxModel v1 = activate("1");
        var inCall = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        Map<String, Double> blocking = new HashMap<>(row(v1)) {
            @Override
            public Double get(Object key) {
                inCall.countDown();
                await(proceed);
                return super.get(key);
            }
        };
        Future<Prediction> call = threads.submit(() -> registry.predict(FAST, blocking));
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        OnnxModel v2 = activate("2");
        boolean freedDuringTheCall = v1.isFreed();
        proceed.countDown();
        Prediction prediction = call.get(10, TimeUnit.SECONDS);

        assertThat(freedDuringTheCall).isFalse();
        assertThat(prediction.model()).isEqualTo(v1.info());
        assertThat(v1.isFreed()).isTrue();
        assertThat(v2.isFreed()).isFalse();
    }

    @Test
    void predict_modelLookedUpBeforeASwitch_isPassedOverForItsSuccessor() {
        OnnxModel v1 = activate("1");
        Model takenEarly = registry.get(FAST);
        Map<String, Double> row = row(v1);

        activate("2");

        assertThat(v1.isFreed()).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> takenEarly.predict(row)).withMessageContaining("is closed");
        assertThat(registry.predict(FAST, row).model()).isEqualTo(new ModelInfo(FAST, "2"));
    }

    @Test
    void close_freesTheActiveVersions() {
        OnnxModel v1 = activate("1");

        registry.close();

        assertThat(v1.isFreed()).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> registry.predict(FAST, Map.of()));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
