package dev.tandem.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The models in service, one active version per name. Artefacts are versioned folders,
 * {@code <name>/<version>/model.onnx} with its {@code card.json}, looked up first in a folder on
 * disk (when one is configured) and then on the classpath under {@code models/} (the samples).
 *
 * <p>{@link #activate} loads a version and swaps it in atomically; a version that does not load or
 * does not pass the caller's check is refused with a clear error and the previous one keeps
 * serving. The version switched out is closed: the calls in progress on it finish, and the last of
 * them frees its native session. Score through {@link #predict}, which holds the version it picked
 * for the call; a model taken with {@link #get} may be switched out and closed before it is called.
 *
 * <p>Thread-safe: {@link #predict} is a map read and a count in and out of the model, no lock.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final String CLASSPATH_ROOT = "models/";

    private final @Nullable Path folder;
    private final ClassLoader classLoader;
    private final Map<String, Model> active = new ConcurrentHashMap<>();

    /**
     * @param folder where versioned artefacts are kept, or {@code null} for the classpath only
     */
    public ModelRegistry(@Nullable Path folder, ClassLoader classLoader) {
        this.folder = folder;
        this.classLoader = classLoader;
    }

    /** A registry of models built in code (such as {@link LogisticModel}s), all active. */
    public static ModelRegistry of(Model... models) {
        var registry = new ModelRegistry(null, ModelRegistry.class.getClassLoader());
        for (Model model : models) {
            registry.active.put(model.info().name(), model);
        }
        return registry;
    }

    /**
     * Scores {@code features} with the active version of {@code name}. A version switched out while
     * the call runs serves it to its end; one switched out between the look-up and the call's start
     * is passed over for its successor, so a switch fails no call.
     *
     * @throws IllegalStateException when no model of that name is active, or the registry is closed
     */
    public Prediction predict(String name, Map<String, Double> features) {
        while (true) {
            Model model = get(name);
            if (!(model instanceof OnnxModel onnx)) {
                return model.predict(features);
            }
            Prediction prediction = onnx.predictIfOpen(features);
            if (prediction != null) {
                return prediction;
            }
            if (active.get(name) == model) {
                throw new IllegalStateException(model.info() + " was closed while still active");
            }
            // switched out and closed since the look-up: its successor is active by now
        }
    }

    /**
     * Scores a batch with the active version of {@code name}: one call of the runtime for the whole batch
     * ({@link OnnxModel#predictAll}), or one {@link Model#predict} per row for a model built in code. The version
     * rules of {@link #predict} hold for the batch as a whole: every row is scored by the same version.
     *
     * @param rows raw feature values by name, one map per row
     * @return one prediction per row, in order
     * @throws IllegalStateException when no model of that name is active, or the registry is closed
     */
    public List<Prediction> predictAll(String name, List<Map<String, Double>> rows) {
        while (true) {
            Model model = get(name);
            if (!(model instanceof OnnxModel onnx)) {
                return rows.stream().map(model::predict).toList();
            }
            List<Prediction> predictions = onnx.predictAllIfOpen(rows);
            if (predictions != null) {
                return predictions;
            }
            if (active.get(name) == model) {
                throw new IllegalStateException(model.info() + " was closed while still active");
            }
        }
    }

    /**
     * The active version of the model of that name, to inspect; to score, use {@link #predict}: once
     * another version is activated, this one is closed and refuses calls.
     */
    public Model get(String name) {
        Model model = active.get(name);
        if (model == null) {
            throw new IllegalStateException("no active model named '" + name + "'; active: " + active.keySet());
        }
        return model;
    }

    /** The active model of every name, by name. */
    public Map<String, ModelInfo> active() {
        var infos = new TreeMap<String, ModelInfo>();
        active.forEach((name, model) -> infos.put(name, model.info()));
        return infos;
    }

    /**
     * Loads {@code name} at {@code version}, runs {@code check} on it and makes it the active one.
     * When the artefact is missing, corrupt or refused by the check, nothing changes.
     *
     * @return the model now active
     * @throws IllegalArgumentException saying why the version was refused
     */
    public Model activate(String name, String version, Consumer<Model> check) {
        Model current = active.get(name);
        if (current != null && current.info().version().equals(version)) {
            check.accept(current);
            return current;
        }
        OnnxModel candidate = load(name, version);
        try {
            check.accept(candidate);
        }
        catch (RuntimeException ex) {
            candidate.close();
            throw ex;
        }
        Model previous = active.put(name, candidate);
        if (previous != null) {
            // calls may still be running on it: they finish, and the last one frees it
            closeIfNative(previous);
        }
        return candidate;
    }

    private OnnxModel load(String name, String version) {
        if (!name.matches("[\\w.-]+") || !version.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("model name and version may hold letters, digits, '.', '_' and '-' only");
        }
        String base = name + "/" + version + "/";
        byte[] cardBytes = read(base + "card.json");
        byte[] onnx = read(base + "model.onnx");
        ModelCard card = ModelCard.parse(new String(cardBytes, StandardCharsets.UTF_8));
        if (!card.name().equals(name) || !card.version().equals(version)) {
            throw new IllegalArgumentException("the card in " + base + " is for " + card.name() + " v" + card.version());
        }
        return OnnxModel.load(card, onnx);
    }

    private byte[] read(String relative) {
        try {
            if (folder != null && Files.isRegularFile(folder.resolve(relative))) {
                return Files.readAllBytes(folder.resolve(relative));
            }
            try (InputStream in = classLoader.getResourceAsStream(CLASSPATH_ROOT + relative)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("cannot read model file " + relative + ": " + ex.getMessage(), ex);
        }
        throw new IllegalArgumentException("no model file " + relative + (folder == null ? "" : " in " + folder)
                + " nor on the classpath under " + CLASSPATH_ROOT);
    }

    @Override
    public void close() {
        for (Model model : List.copyOf(active.values())) {
            closeIfNative(model);
        }
        active.clear();
    }

    private static void closeIfNative(Model model) {
        if (model instanceof OnnxModel onnx) {
            onnx.close();
        }
    }
}
