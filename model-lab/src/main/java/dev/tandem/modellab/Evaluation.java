package dev.tandem.modellab;

import ai.onnxruntime.OrtException;
import dev.tandem.core.flow.Thresholds;
import dev.tandem.schemas.event.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code evaluate}: what enrichment is worth. Replays a world the models never saw (another seed)
 * through the committed ONNX files, as serving would score it: provisional verdicts from the fast
 * model, final verdicts under the escalate-only policy (the more severe of the provisional verdict
 * and the full model's), at the flow's thresholds from the cards. The deep model (deep-risk's, on the sync
 * features) is scored alone beside them: the full model does not read its score.
 */
final class Evaluation {

    private Evaluation() {
    }

    /**
     * @param seed the replay's seed; it should differ from the cards' training seed
     * @param rows events to replay
     * @param models the models folder holding {@code <name>/1/model.onnx} and {@code card.json}
     */
    static EvaluationResult run(long seed, int rows, Path models, Consumer<String> progress)
            throws IOException, OrtException {
        long started = System.nanoTime();
        try (OnnxScorer fast = OnnxScorer.open(ModelCards.folder(models, ModelInputs.FAST.model()));
                OnnxScorer full = OnnxScorer.open(ModelCards.folder(models, ModelInputs.FULL.model()));
                OnnxScorer deep = OnnxScorer.open(ModelCards.folder(models, ModelInputs.DEEP.model()))) {
            Thresholds thresholds = fast.card().flowThresholds();
            if (!thresholds.equals(full.card().flowThresholds())) {
                progress.accept("warning: the cards disagree on the flow's thresholds; using the fast model's " + thresholds);
            }
            if (seed == fast.card().training().seed()) {
                progress.accept("warning: seed " + seed + " is the training seed: this replay is not held out");
            }
            progress.accept("replaying " + rows + " payments with seed " + seed + " ...");
            GeneratedData data = PaymentGenerator.generate(seed, rows);
            List<Map<String, Double>> raws = Training.raws(data.events());
            List<Map<String, Double>> withoutIp = raws.stream().map(Evaluation::withoutIpRisk).toList();
            boolean[] fraud = Training.labels(data.events());
            progress.accept("scoring with ONNX Runtime ...");
            double[] provisional = fast.scores(raws);
            double[] fullScores = full.scores(raws);
            double[] fullNoIp = full.scores(withoutIp);
            double[] finals = max(provisional, fullScores);
            double[] finalsNoIp = max(provisional, fullNoIp);
            double[] deepScores = deep.scores(raws);

            var table = List.of(
                    row("provisional", "payment-risk-fast, sync features", provisional, fraud, thresholds),
                    row("full model alone", "payment-risk-full, sync + enrichment", fullScores, fraud, thresholds),
                    row("final (escalate-only)", "more severe of provisional and full", finals, fraud, thresholds),
                    row("full model, no IP lookup", "payment-risk-full with ip_risk at its default", fullNoIp, fraud,
                            thresholds),
                    row("final, no IP lookup", "escalate-only with ip_risk at its default", finalsNoIp, fraud,
                            thresholds),
                    row("deep model alone", "payment-risk-deep (factorization machine), sync features", deepScores,
                            fraud, thresholds));
            var result = new EvaluationResult(seed, data.events().size(), data.positiveRate(), thresholds, table,
                    flips(provisional, finals, fraud, thresholds), flips(provisional, finalsNoIp, fraud, thresholds),
                    recallByPattern(data.events(), provisional, finals, thresholds),
                    1000 * Metrics.countFraud(fraud) * Costs.DEFAULT.missedFraud() / fraud.length);
            progress.accept("done in " + Progress.since(started));
            return result;
        }
    }

    private static EvaluationResult.Row row(String decision, String how, double[] scores, boolean[] fraud,
            Thresholds thresholds) {
        return new EvaluationResult.Row(decision, how, Metrics.rocAuc(scores, fraud), Metrics.prAuc(scores, fraud),
                Metrics.at(thresholds.review(), scores, fraud), Metrics.at(thresholds.decline(), scores, fraud),
                1000 * Costs.DEFAULT.perPayment(thresholds, scores, fraud));
    }

    // escalate-only: with one pair of thresholds, the verdict of the larger score is the more severe verdict
    private static double[] max(double[] a, double[] b) {
        double[] m = new double[a.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(a[i], b[i]);
        }
        return m;
    }

    private static EvaluationResult.Flips flips(double[] provisional, double[] finals, boolean[] fraud,
            Thresholds thresholds) {
        int flips = 0;
        int onFraud = 0;
        var transitions = new HashMap<String, Integer>();
        for (int i = 0; i < provisional.length; i++) {
            Verdict from = thresholds.verdictFor(provisional[i]);
            Verdict to = thresholds.verdictFor(finals[i]);
            if (from != to) {
                flips++;
                onFraud += fraud[i] ? 1 : 0;
                transitions.merge(from + " → " + to, 1, Integer::sum);
            }
        }
        return new EvaluationResult.Flips(flips / (double) provisional.length, flips == 0 ? 0 : onFraud / (double) flips,
                transitions);
    }

    private static List<EvaluationResult.PatternRow> recallByPattern(List<LabelledEvent> events,
            double[] provisional, double[] finals, Thresholds thresholds) {
        var rows = new ArrayList<EvaluationResult.PatternRow>();
        for (Pattern pattern : Pattern.values()) {
            int count = 0;
            int[] caught = new int[4];
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).pattern() == pattern) {
                    count++;
                    caught[0] += provisional[i] >= thresholds.review() ? 1 : 0;
                    caught[1] += finals[i] >= thresholds.review() ? 1 : 0;
                    caught[2] += provisional[i] >= thresholds.decline() ? 1 : 0;
                    caught[3] += finals[i] >= thresholds.decline() ? 1 : 0;
                }
            }
            double n = Math.max(1, count);
            rows.add(new EvaluationResult.PatternRow(pattern, count, caught[0] / n, caught[1] / n, caught[2] / n,
                    caught[3] / n));
        }
        return rows;
    }

    private static Map<String, Double> withoutIpRisk(Map<String, Double> raw) {
        var copy = new HashMap<>(raw);
        copy.remove(RawFeatures.IP_RISK);
        return copy;
    }
}
