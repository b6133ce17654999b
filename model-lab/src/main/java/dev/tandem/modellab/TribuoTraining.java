package dev.tandem.modellab;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a logistic regression with Tribuo (linear SGD on the log loss, AdaGrad), one of the model
 * kinds Tribuo 4.3 exports to ONNX. Deterministic for a seed: the trainer shuffles with it.
 */
final class TribuoTraining {

    static final int EPOCHS = 10;
    static final double LEARNING_RATE = 0.1;
    static final int MINIBATCH = 1;

    // Tribuo logs every training at INFO through java.util.logging; the lab prints its own progress.
    // Held in a field: java.util.logging keeps loggers only weakly.
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
    }

    private TribuoTraining() {
    }

    static TrainedModel train(ModelInputs inputs, List<LabelledEvent> rows, long seed) {
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
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 1e-6), EPOCHS, -1,
                MINIBATCH, seed);
        LinearSGDModel model = trainer.train(dataset);
        model.setName(inputs.model());
        return new TrainedModel(inputs, model, inColumnOrder(model, names, byName), model.getOutputIDInfo().getID(fraud));
    }

    // Tribuo numbers features by name sorted as strings; the ONNX input columns follow those ids
    private static InputVectors inColumnOrder(LinearSGDModel model, List<String> names, InputVectors byName) {
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
