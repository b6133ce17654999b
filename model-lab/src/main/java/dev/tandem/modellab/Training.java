package dev.tandem.modellab;

import ai.onnx.proto.OnnxMl;
import dev.tandem.core.flow.Thresholds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code train}: generates a world, trains the fast and the full model on it, chooses the flow's
 * thresholds on their scores of its rows, trains the deep model, measures the three on a held-out world
 * ({@link HeldOut}), exports them to ONNX and writes their cards. Deterministic for a seed, except the exported bytes (Tribuo stamps the
 * export time into the ONNX metadata).
 */
final class Training {

    static final String ONNX_DOMAIN = "dev.tandem";

    private Training() {
    }

    /**
     * @param seed the seed of the generator and the trainer
     * @param rows training rows
     * @param out the models folder; each model goes to {@code <out>/<name>/1/}
     * @return the cards written: fast, full, deep
     */
    static List<ModelCard> run(long seed, int rows, Path out, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        List<ModelCard> cards = export(train(seed, rows, progress), out, progress);
        progress.accept("done in " + Progress.since(started));
        return cards;
    }

    static TrainingRun train(long seed, int rows, Consumer<String> progress) {
        long started = System.nanoTime();
        progress.accept("generating " + rows + " training payments with seed " + seed + " and "
                + HeldOut.validationRows(rows) + " held-out ones ...");
        GeneratedData train = PaymentGenerator.generate(seed, rows);
        GeneratedData validation = PaymentGenerator.generate(HeldOut.validationSeed(seed), HeldOut.validationRows(rows));
        progress.accept(String.format("  training: %d accounts, %.2f%% fraud; held out: %d accounts, %.2f%% fraud (%s)",
                train.accounts(), 100 * train.positiveRate(), validation.accounts(), 100 * validation.positiveRate(),
                Progress.since(started)));
        TrainedModel fast = trainOne(ModelInputs.FAST, train, seed, progress);
        TrainedModel full = trainOne(ModelInputs.FULL, train, seed, progress);
        List<Map<String, Double>> rowsRaw = raws(train.events());
        Thresholds thresholds = ThresholdSearch.minimiseCost(List.of(fast.scores(rowsRaw), full.scores(rowsRaw)),
                labels(train.events()), Costs.DEFAULT);
        progress.accept("flow thresholds at the least cost " + Costs.DEFAULT + " on the training rows: review "
                + thresholds.review() + ", decline " + thresholds.decline());
        // after the thresholds, which stay those of the fast and the full model
        TrainedModel deep = trainOne(ModelInputs.DEEP, train, seed, progress);
        return new TrainingRun(seed, train, validation, fast, full, deep, thresholds);
    }

    static List<ModelCard> export(TrainingRun run, Path out, Consumer<String> progress) throws IOException {
        var training = new ModelCard.Training(run.seed(), run.train().events().size(),
                ModelCards.round(run.train().positiveRate()), PaymentGenerator.describe(run.train(), run.validation()));
        List<Map<String, Double>> validationRaw = raws(run.validation().events());
        boolean[] validationFraud = labels(run.validation().events());
        var cards = new ArrayList<ModelCard>();
        for (TrainedModel model : run.models()) {
            Path folder = ModelCards.folder(out, model.inputs().model());
            Files.createDirectories(folder);
            Path onnx = folder.resolve("model.onnx");
            model.saveOnnx(ONNX_DOMAIN, onnx);
            ModelCard card = ModelCards.build(model, run.thresholds(), training, model.scores(validationRaw),
                    validationFraud, opset(onnx));
            ModelCards.write(card, folder.resolve("card.json"));
            progress.accept(String.format("%s: held-out ROC-AUC %.4f, PR-AUC %.4f; wrote %s and card.json",
                    card.name(), card.metrics().rocAuc(), card.metrics().prAuc(), onnx));
            cards.add(card);
        }
        return cards;
    }

    private static TrainedModel trainOne(ModelInputs inputs, GeneratedData data, long seed, Consumer<String> progress) {
        long started = System.nanoTime();
        boolean deep = inputs.equals(ModelInputs.DEEP);
        progress.accept("training " + inputs.model() + (deep ? " (factorization machine, " + TribuoTraining.FM_FACTORS
                + " factors per input)" : "") + " on " + inputs.expressions().size() + " inputs ...");
        TrainedModel model = deep ? TribuoTraining.trainFactorizationMachine(inputs, data.events(), seed)
                : TribuoTraining.train(inputs, data.events(), seed);
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

    // the highest default-domain opset the exported file imports
    static int opset(Path onnx) throws IOException {
        var model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToInt(o -> (int) o.getVersion()).max()
                .orElseThrow(() -> new IOException(onnx + " imports no ONNX opset"));
    }
}
