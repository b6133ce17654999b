package dev.tandem.modellab;

import ai.onnx.proto.OnnxMl;
import dev.tandem.core.flow.Thresholds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code train}: generates a world, trains the fast and the full model on four fifths of its accounts,
 * chooses the flow's thresholds on the training rows, measures both models on the held-out fifth,
 * exports both to ONNX and writes their cards. Deterministic for a seed, except the exported bytes
 * (Tribuo stamps the export time into the ONNX metadata).
 */
final class Training {

    static final String ONNX_DOMAIN = "dev.tandem";

    private Training() {
    }

    /**
     * @param seed the seed of the generator and the trainer
     * @param rows generated events, training and validation together
     * @param out the models folder; each model goes to {@code <out>/<name>/1/}
     * @return the cards written, fast first
     */
    static List<ModelCard> run(long seed, int rows, Path out, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        progress.accept("generating " + rows + " payments with seed " + seed + " ...");
        GeneratedData data = PaymentGenerator.generate(seed, rows);
        List<LabelledEvent> train = data.events().stream().filter(e -> !HeldOut.isValidation(e)).toList();
        List<LabelledEvent> validation = data.events().stream().filter(HeldOut::isValidation).toList();
        progress.accept(String.format("  %d accounts, %.2f%% fraud; %d training rows, %d validation rows (%s)",
                data.accounts(), 100 * data.positiveRate(), train.size(), validation.size(), Progress.since(started)));

        TrainedModel fast = trainOne(ModelInputs.FAST, train, seed, progress);
        TrainedModel full = trainOne(ModelInputs.FULL, train, seed, progress);

        boolean[] trainFraud = labels(train);
        Thresholds thresholds = ThresholdSearch.minimiseCost(
                List.of(fast.scores(raws(train)), full.scores(raws(train))), trainFraud, Costs.DEFAULT);
        progress.accept("flow thresholds at the least cost " + Costs.DEFAULT + " on the training rows: review "
                + thresholds.review() + ", decline " + thresholds.decline());

        var training = new ModelCard.Training(seed, train.size(), ModelCards.round(positiveRate(trainFraud)),
                PaymentGenerator.describe(data));
        boolean[] validationFraud = labels(validation);
        var cards = new java.util.ArrayList<ModelCard>();
        for (TrainedModel model : List.of(fast, full)) {
            Path folder = ModelCards.folder(out, model.inputs().model());
            Files.createDirectories(folder);
            Path onnx = folder.resolve("model.onnx");
            model.model().saveONNXModel(ONNX_DOMAIN, 1, onnx);
            ModelCard card = ModelCards.build(model, thresholds, training, model.scores(raws(validation)),
                    validationFraud, opset(onnx));
            ModelCards.write(card, folder.resolve("card.json"));
            progress.accept(String.format("%s: validation ROC-AUC %.4f, PR-AUC %.4f; wrote %s and card.json",
                    card.name(), card.metrics().rocAuc(), card.metrics().prAuc(), onnx));
            cards.add(card);
        }
        progress.accept("done in " + Progress.since(started));
        return cards;
    }

    private static TrainedModel trainOne(ModelInputs inputs, List<LabelledEvent> rows, long seed,
            Consumer<String> progress) {
        long started = System.nanoTime();
        progress.accept("training " + inputs.model() + " on " + inputs.expressions().size() + " inputs ...");
        TrainedModel model = TribuoTraining.train(inputs, rows, seed);
        progress.accept("  trained in " + Progress.since(started) + "; input order " + model.inputOrder());
        return model;
    }

    static List<Map<String, Double>> raws(List<LabelledEvent> events) {
        return events.stream().map(LabelledEvent::raw).toList();
    }

    static boolean[] labels(List<LabelledEvent> events) {
        boolean[] fraud = new boolean[events.size()];
        for (int i = 0; i < fraud.length; i++) {
            fraud[i] = events.get(i).fraud();
        }
        return fraud;
    }

    private static double positiveRate(boolean[] fraud) {
        return fraud.length == 0 ? 0 : Metrics.countFraud(fraud) / (double) fraud.length;
    }

    // the highest default-domain opset the exported file imports
    private static int opset(Path onnx) throws IOException {
        var model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToInt(o -> (int) o.getVersion()).max()
                .orElseThrow(() -> new IOException(onnx + " imports no ONNX opset"));
    }
}
