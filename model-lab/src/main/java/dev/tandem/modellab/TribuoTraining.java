package dev.tandem.modellab;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains with Tribuo on the log loss with AdaGrad, in one of the two model kinds Tribuo 4.3 exports to ONNX: a
 * logistic regression (linear SGD) or a factorization machine (the linear terms plus every pairwise interaction
 * of the inputs, each weighted by the dot product of the two inputs' learned factor vectors). Deterministic for a
 * seed: the trainer shuffles, and initialises the factors, with it.
 */
final class TribuoTraining {

    static final int EPOCHS = 10;
    static final double LEARNING_RATE = 0.1;
    static final int MINIBATCH = 1;
    /** Length of each input's factor vector in the factorization machine. */
    static final int FM_FACTORS = 64;
    /** Variance of the normal distribution the factors start from. */
    static final double FM_INIT_VARIANCE = 0.01;

    // Tribuo logs every training at INFO through java.util.logging; the lab prints its own progress.
    // Held in a field: java.util.logging keeps loggers only weakly.
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
    }

    private TribuoTraining() {
    }

    /** A logistic regression: the fast and the full model. */
    static TrainedModel train(ModelInputs inputs, List<LabelledEvent> rows, long seed) {
        return train(inputs, rows, new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 1e-6), EPOCHS,
                -1, MINIBATCH, seed), seed);
    }

    /** A factorization machine: the deep model, heavier to score per row than the linear ones. */
    static TrainedModel trainFactorizationMachine(ModelInputs inputs, List<LabelledEvent> rows, long seed) {
        return train(inputs, rows, new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 1e-6),
                EPOCHS, -1, MINIBATCH, seed, FM_FACTORS, FM_INIT_VARIANCE), seed);
    }

    private static TrainedModel train(ModelInputs inputs, List<LabelledEvent> rows, Trainer<Label> trainer,
            long seed) {
        List<Map<String, Double>> raws = rows.stream().map(LabelledEvent::raw).toList();
        List<String> names = inputs.expressions();
        InputVectors byName = new InputVectors(names, InputVectors.medians(names, raws));
        var factory = new LabelFactory();
        // a fixed date: the dataset's provenance should not change with the clock
        var provenance = new SimpleDataSourceProvenance(PaymentGenerator.NAME + " seed " + seed,
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory);
        var dataset = new MutableDataset<Label>(provenance, factory);
        String[] featureNames = names.toArray(String[]::new);
        Label fraud = new Label(TrainedModel.FRAUD);
        Label legit = new Label(TrainedModel.LEGIT);
        for (LabelledEvent row : rows) {
            dataset.add(new ArrayExample<>(row.fraud() ? fraud : legit, featureNames, byName.vector(row.raw())));
        }
        Model<Label> model = trainer.train(dataset);
        model.setName(inputs.model());
        return new TrainedModel(inputs, model, inColumnOrder(model, names, byName), model.getOutputIDInfo().getID(fraud));
    }

    // Tribuo numbers features by name sorted as strings; the ONNX input columns follow those ids
    private static InputVectors inColumnOrder(Model<Label> model, List<String> names, InputVectors byName) {
        var featureIds = model.getFeatureIDMap();
        var order = new ArrayList<String>();
        for (int id = 0; id < featureIds.size(); id++) {
            order.add(featureIds.get(id).getName());
        }
        if (!new HashSet<>(order).equals(new HashSet<>(names)) || order.size() != names.size()) {
            throw new IllegalStateException("the model's features " + order + " are not its inputs " + names);
        }
        double[] defaults = new double[order.size()];
        double[] medians = byName.defaults();
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = medians[names.indexOf(order.get(i))];
        }
        return new InputVectors(order, defaults);
    }
}
