package dev.tandem.modellab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.tribuo.classification.sgd.fm.FMClassificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrains with the committed cards' seed and rows once, then checks the committed artefacts against it. */
class TrainingTests {

    private static final double ONNX_TOLERANCE = 1e-6;
    private static final double METRIC_TOLERANCE = 1e-4;

    @TempDir
    static Path out;

    private static TrainingRun run;
    private static List<ModelCard> retrained;
    private static List<Map<String, Double>> rows;

    @BeforeAll
    static void retrainWithTheCommittedCardsSeed() throws Exception {
        ModelCard.Training committed = CommittedModels.card(ModelInputs.FAST.model()).training();
        run = Training.train(committed.seed(), committed.rows(), line -> { });
        retrained = Training.export(run, out, line -> { });
        rows = withSomeFeaturesMissing(Training.raws(run.validation().events().subList(0, 3_000)));
    }

    @Test
    void retraining_withTheCardsSeed_reproducesTheCommittedCards() {
        for (ModelCard again : retrained) {
            ModelCard card = CommittedModels.card(again.name());
            assertThat(again.version()).isEqualTo(card.version());
            assertThat(again.flow()).isEqualTo(card.flow());
            assertThat(again.training()).isEqualTo(card.training());
            assertThat(again.thresholds()).isEqualTo(card.thresholds());
            assertThat(again.output()).isEqualTo(card.output());
            assertThat(again.input().name()).isEqualTo(card.input().name());
            assertThat(again.input().features()).hasSameSizeAs(card.input().features());
            for (int i = 0; i < card.input().features().size(); i++) {
                ModelCard.Feature expected = card.input().features().get(i);
                ModelCard.Feature actual = again.input().features().get(i);
                assertThat(actual.name()).isEqualTo(expected.name());
                assertThat(actual.unit()).isEqualTo(expected.unit());
                assertThat(actual.source()).isEqualTo(expected.source());
                assertThat(actual.defaultValue()).isCloseTo(expected.defaultValue(), within(1e-6));
            }
            assertMetricsClose(again.metrics(), card.metrics());
            assertThat(again.libraries().tribuo()).isEqualTo(card.libraries().tribuo());
            assertThat(again.libraries().onnxOpset()).isEqualTo(card.libraries().onnxOpset());
        }
    }

    @Test
    void cardFeatureOrder_isTheModelsInputOrder() throws Exception {
        for (TrainedModel model : run.models()) {
            var ids = model.model().getFeatureIDMap();
            var tribuoOrder = new ArrayList<String>();
            for (int id = 0; id < ids.size(); id++) {
                tribuoOrder.add(ids.get(id).getName());
            }
            ModelCard card = CommittedModels.card(model.inputs().model());
            assertThat(card.featureNames()).containsExactlyElementsOf(tribuoOrder)
                    .containsExactlyInAnyOrderElementsOf(model.inputs().expressions())
                    .isSorted();
            try (OnnxScorer scorer = OnnxScorer.open(ModelCards.folder(CommittedModels.FOLDER, card.name()))) {
                assertThat(scorer.inputNames()).containsExactly(card.input().name());
            }
            assertThat(inputShape(card.name())).containsExactly(-1L, (long) card.input().features().size());
        }
    }

    @Test
    void exportedOnnx_reproducesTribuosProbabilities() throws Exception {
        for (TrainedModel model : run.models()) {
            try (OnnxScorer scorer = OnnxScorer.open(ModelCards.folder(out, model.inputs().model()))) {
                assertClose(scorer.scores(rows), model.scores(rows));
            }
        }
    }

    @Test
    void committedOnnx_fedByTheCard_reproducesTheRetrainedModel() throws Exception {
        // proves the committed file is this training's model and that the card's order is its column order
        for (TrainedModel model : run.models()) {
            try (OnnxScorer scorer = OnnxScorer.open(ModelCards.folder(CommittedModels.FOLDER, model.inputs().model()))) {
                assertClose(scorer.scores(rows), model.scores(rows));
            }
        }
    }

    @Test
    void retraining_commitsEveryModel_fastFullAndDeep() {
        assertThat(retrained).extracting(ModelCard::name).containsExactly("payment-risk-fast", "payment-risk-full",
                "payment-risk-deep");
    }

    @Test
    void deepModel_isAFactorizationMachineOnSyncInputsOnly() {
        assertThat(run.deep().model()).isInstanceOf(FMClassificationModel.class);
        assertThat(((FMClassificationModel) run.deep().model()).getFactorsCopy()[0].getShape())
                .containsExactly(TribuoTraining.FM_FACTORS, ModelInputs.DEEP.expressions().size());
        assertThat(CommittedModels.card(ModelInputs.DEEP.model()).input().features())
                .extracting(ModelCard.Feature::source).containsOnly("sync");
    }

    @Test
    void committedThresholds_areOrdered_andTheSameForEveryModel() {
        ModelCard fast = CommittedModels.card(ModelInputs.FAST.model());
        ModelCard full = CommittedModels.card(ModelInputs.FULL.model());
        assertThat(fast.thresholds()).isEqualTo(full.thresholds())
                .isEqualTo(CommittedModels.card(ModelInputs.DEEP.model()).thresholds());
        assertThat(fast.thresholds().review()).isGreaterThan(0).isLessThan(fast.thresholds().decline());
        assertThat(fast.thresholds().decline()).isLessThan(1);
    }

    private static long[] inputShape(String name) throws Exception {
        var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        Path file = ModelCards.folder(CommittedModels.FOLDER, name).resolve("model.onnx");
        try (var session = env.createSession(file.toString())) {
            NodeInfo input = session.getInputInfo().values().iterator().next();
            return ((TensorInfo) input.getInfo()).getShape();
        }
    }

    private static void assertClose(double[] onnx, double[] tribuo) {
        assertThat(onnx).hasSameSizeAs(tribuo);
        for (int i = 0; i < onnx.length; i++) {
            assertThat(onnx[i]).as("row %d", i).isCloseTo(tribuo[i], within(ONNX_TOLERANCE));
        }
    }

    private static void assertMetricsClose(ModelCard.CardMetrics actual, ModelCard.CardMetrics expected) {
        assertThat(actual.rocAuc()).isCloseTo(expected.rocAuc(), within(METRIC_TOLERANCE));
        assertThat(actual.prAuc()).isCloseTo(expected.prAuc(), within(METRIC_TOLERANCE));
        assertThat(actual.atReview().precision()).isCloseTo(expected.atReview().precision(), within(METRIC_TOLERANCE));
        assertThat(actual.atReview().recall()).isCloseTo(expected.atReview().recall(), within(METRIC_TOLERANCE));
        assertThat(actual.atDecline().precision()).isCloseTo(expected.atDecline().precision(), within(METRIC_TOLERANCE));
        assertThat(actual.atDecline().recall()).isCloseTo(expected.atDecline().recall(), within(METRIC_TOLERANCE));
        assertThat(actual.calibration()).hasSameSizeAs(expected.calibration());
        for (int i = 0; i < expected.calibration().size(); i++) {
            var a = actual.calibration().get(i);
            var e = expected.calibration().get(i);
            assertThat(a.count()).isEqualTo(e.count());
            assertThat(a.predicted()).isCloseTo(e.predicted(), within(METRIC_TOLERANCE));
            assertThat(a.observed()).isCloseTo(e.observed(), within(METRIC_TOLERANCE));
        }
    }

    // every tenth row loses a feature, every seventh gets a NaN: both paths must take the card's defaults
    private static List<Map<String, Double>> withSomeFeaturesMissing(List<Map<String, Double>> raws) {
        var result = new ArrayList<Map<String, Double>>();
        for (int i = 0; i < raws.size(); i++) {
            var row = new HashMap<>(raws.get(i));
            if (i % 10 == 0) {
                row.remove(i % 20 == 0 ? RawFeatures.IP_RISK : RawFeatures.AVG_AMOUNT);
            }
            if (i % 7 == 0) {
                row.put(RawFeatures.VELOCITY_COUNT_1H, Double.NaN);
            }
            result.add(row);
        }
        return result;
    }
}
