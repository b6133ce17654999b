package dev.tandem.modellab;

import java.util.Locale;
import java.util.TreeMap;

/** The evaluation as markdown, the tables docs/models.md carries. */
final class EvaluationReport {

    private EvaluationReport() {
    }

    static String markdown(EvaluationResult r) {
        var md = new StringBuilder();
        Costs c = Costs.DEFAULT;
        md.append(f("Held-out replay: %,d payments from seed %d, %.2f%% fraud. Flow thresholds from the cards: "
                + "review at %.2f, decline at %.2f. Costs per payment: missed fraud %.0f, review %.0f, declined "
                + "legitimate payment %.0f (approving everything costs %.1f per 1,000 payments).%n%n",
                r.events(), r.seed(), 100 * r.positiveRate(), r.thresholds().review(), r.thresholds().decline(),
                c.missedFraud(), c.review(), c.declinedLegit(), r.approveAllCostPer1000()));
        md.append("| decision | model and inputs | ROC-AUC | PR-AUC | at review: precision / recall "
                + "| at decline: precision / recall | cost per 1,000 payments |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (EvaluationResult.Row row : r.table()) {
            md.append(f("| %s | %s | %.4f | %.4f | %.3f / %.3f | %.3f / %.3f | %.1f |%n", row.decision(), row.how(),
                    row.rocAuc(), row.prAuc(), row.atReview().precision(), row.atReview().recall(),
                    row.atDecline().precision(), row.atDecline().recall(), row.costPer1000()));
        }
        EvaluationResult.Row fast = r.row("provisional");
        EvaluationResult.Row full = r.row("full model alone");
        EvaluationResult.Row fin = r.row("final (escalate-only)");
        md.append(f("%nWhat enrichment is worth: the full model beats the fast one by %+.4f ROC-AUC and %+.4f PR-AUC; "
                + "final verdicts cost %.1f per 1,000 payments against %.1f for provisional ones (%.0f%% less).%n",
                full.rocAuc() - fast.rocAuc(), full.prAuc() - fast.prAuc(), fin.costPer1000(), fast.costPer1000(),
                100 * (1 - fin.costPer1000() / fast.costPer1000())));
        md.append(f("%nFlips, provisional → final (escalate-only): %s%n", flips(r.flips())));
        md.append(f("Without the IP lookup (ip_risk at its default): %s%n", flips(r.flipsWithoutIp())));
        md.append("\n| pattern | events | at review or above: provisional → final | declined: provisional → final |\n");
        md.append("| --- | ---: | ---: | ---: |\n");
        for (EvaluationResult.PatternRow p : r.patterns()) {
            md.append(f("| %s | %,d | %.1f%% → %.1f%% | %.1f%% → %.1f%% |%n", p.pattern().name().toLowerCase(Locale.ROOT),
                    p.events(), 100 * p.provisionalFlagged(), 100 * p.finalFlagged(), 100 * p.provisionalDeclined(),
                    100 * p.finalDeclined()));
        }
        return md.toString();
    }

    private static String flips(EvaluationResult.Flips flips) {
        var parts = new StringBuilder();
        new TreeMap<>(flips.transitions()).forEach((k, v) -> parts.append(parts.isEmpty() ? "" : ", ").append(k)
                .append(' ').append(f("%,d", v)));
        return f("%.2f%% of decisions (%s); %.1f%% of the flipped payments are fraud.", 100 * flips.rate(), parts,
                100 * flips.fraudShare());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
