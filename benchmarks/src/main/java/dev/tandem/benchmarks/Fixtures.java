package dev.tandem.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.tandem.core.model.Model;
import dev.tandem.core.model.ModelRegistry;
import dev.tandem.core.model.OnnxModel;

/** The committed sample models, and reproducible raw inputs for them. */
final class Fixtures {

    static final String FAST = "payment-risk-fast";
    static final String FULL = "payment-risk-full";
    static final String VERSION = "1";

    /** Distinct rows cycled through, so that no call scores the same input as the previous one. */
    static final int ROWS = 1024;

    private Fixtures() {
    }

    static ModelRegistry registry() {
        return new ModelRegistry(null, Fixtures.class.getClassLoader());
    }

    static OnnxModel activate(ModelRegistry registry, String name) {
        return (OnnxModel) registry.activate(name, VERSION, model -> { });
    }

    /** The artefact's bytes, for the runtime-only baseline. */
    static byte[] onnx(String name) {
        String path = "models/" + name + "/" + VERSION + "/model.onnx";
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code count} rows with every raw feature the model reads, at plausible values; seeded. */
    static List<Map<String, Double>> rows(Model model, int count, long seed) {
        var random = new SplittableRandom(seed);
        var rows = new ArrayList<Map<String, Double>>(count);
        for (int r = 0; r < count; r++) {
            var row = new HashMap<String, Double>();
            for (String name : model.inputs()) {
                row.put(name, value(name, random));
            }
            rows.add(row);
        }
        return rows;
    }

    private static double value(String name, SplittableRandom random) {
        return switch (name) {
            case "amount", "avg_amount" -> Math.exp(3.8 + random.nextGaussian());
            case "account_age_days" -> random.nextInt(2000);
            case "txn_count_30d" -> random.nextInt(200);
            case "chargebacks_90d" -> random.nextInt(20) == 0 ? 1 : 0;
            case "merchant_risk", "ip_risk" -> random.nextDouble(0.3);
            default -> name.startsWith("velocity_sum") ? random.nextDouble(2000) : random.nextInt(10);
        };
    }
}
