package dev.tandem.modellab;

import dev.tandem.core.flow.Thresholds;
import dev.tandem.schemas.event.Verdict;

/**
 * What a verdict costs, in units of one manual review. Approving fraud loses the goods and a
 * chargeback fee; reviewing costs an analyst's time and catches the fraud; declining a legitimate
 * customer loses the sale and some of the customer's goodwill. Approving a legitimate payment and
 * declining a fraudulent one cost nothing.
 *
 * @param missedFraud cost of approving a fraudulent payment
 * @param review cost of sending a payment to review, fraudulent or not
 * @param declinedLegit cost of declining a legitimate payment
 */
record Costs(double missedFraud, double review, double declinedLegit) {

    /** The costs the flow's thresholds are chosen with. */
    static final Costs DEFAULT = new Costs(10, 1, 5);

    double of(Verdict verdict, boolean fraud) {
        return switch (verdict) {
            case APPROVE -> fraud ? missedFraud : 0;
            case REVIEW -> review;
            case DECLINE -> fraud ? 0 : declinedLegit;
        };
    }

    /** Mean cost per payment of deciding every payment by its score. */
    double perPayment(Thresholds thresholds, double[] scores, boolean[] fraud) {
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            total += of(thresholds.verdictFor(scores[i]), fraud[i]);
        }
        return scores.length == 0 ? 0 : total / scores.length;
    }
}
