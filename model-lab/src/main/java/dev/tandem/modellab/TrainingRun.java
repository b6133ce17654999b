package dev.tandem.modellab;

import java.util.List;

import dev.tandem.core.flow.Thresholds;

/**
 * What one training produced, before export.
 *
 * @param seed the training seed
 * @param train the training world
 * @param validation the held-out world the cards' metrics come from
 * @param fast the model on sync inputs
 * @param full the model on sync and enrichment inputs
 * @param deep the factorization machine on sync inputs, for the deep-risk enricher
 * @param thresholds the flow's thresholds, chosen on the training rows
 */
record TrainingRun(long seed, GeneratedData train, GeneratedData validation, TrainedModel fast, TrainedModel full,
        TrainedModel deep, Thresholds thresholds) {

    /** Every model of the run, in the order they are exported. */
    List<TrainedModel> models() {
        return List.of(fast, full, deep);
    }
}
