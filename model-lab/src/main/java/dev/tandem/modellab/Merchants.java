package dev.tandem.modellab;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The merchants of a generated world: a risk score each (what the online store serves as
 * {@code merchant_risk}) and a popularity that decides how often they are picked. About one in seven
 * sells what fraudsters like (electronics, gift cards) and has a high risk score, but ordinary
 * customers shop there too.
 */
final class Merchants {

    private final double[] risk;
    private final boolean[] risky;
    private final double[] cumulative;
    private final double @Nullable [] riskyCumulative;

    private Merchants(double[] risk, boolean[] risky, double[] weight) {
        this.risk = risk;
        this.risky = risky;
        this.cumulative = Objects.requireNonNull(cumulative(weight, null), "a world needs merchants");
        this.riskyCumulative = cumulative(weight, risky);
    }

    static Merchants generate(int count, Sampler sampler) {
        double[] risk = new double[count];
        boolean[] risky = new boolean[count];
        double[] weight = new double[count];
        for (int i = 0; i < count; i++) {
            risky[i] = sampler.chance(0.15);
            risk[i] = risky[i] ? sampler.beta(5, 4) : sampler.beta(1.5, 14);
            weight[i] = sampler.logNormal(1.0, 1.0) * (risky[i] ? 0.5 : 1.0);
        }
        return new Merchants(risk, risky, weight);
    }

    double risk(int merchant) {
        return risk[merchant];
    }

    boolean risky(int merchant) {
        return risky[merchant];
    }

    /** A merchant by popularity. */
    int pick(Sampler sampler) {
        return search(cumulative, sampler.uniform());
    }

    /** A risky merchant by popularity (any merchant in a world without risky ones). */
    int pickRisky(Sampler sampler) {
        return riskyCumulative == null ? pick(sampler) : search(riskyCumulative, sampler.uniform());
    }

    // the first merchant whose cumulative weight exceeds u: it has a weight above zero
    private static int search(double[] cumulative, double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static double @Nullable [] cumulative(double[] weight, boolean @Nullable [] only) {
        double[] result = new double[weight.length];
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            total += only == null || only[i] ? weight[i] : 0;
            result[i] = total;
        }
        if (total == 0) {
            return null;
        }
        for (int i = 0; i < result.length; i++) {
            result[i] /= total;
        }
        return result;
    }
}
