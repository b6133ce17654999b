package dev.tandem.modellab;

import dev.tandem.core.model.FeatureExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs of one model: feature expressions over the raw features, evaluated with the same
 * {@link FeatureExpression} serving uses. The models are linear in their inputs (the deep one in their pairwise
 * products too), so heavy-tailed amounts and counts go in as {@code log1p} and amounts are also compared with the
 * account's usual amount.
 *
 * @param model the model's name
 * @param expressions the inputs, as expression texts (also Tribuo's feature names)
 */
record ModelInputs(String model, List<String> expressions) {

    static final ModelInputs FAST = new ModelInputs("payment-risk-fast", List.of(
            "log1p(amount)", "ratio(amount,avg_amount)", "log1p(avg_amount)", "log1p(account_age_days)",
            "chargebacks_90d", "log1p(txn_count_30d)", "merchant_risk"));

    static final ModelInputs FULL = new ModelInputs("payment-risk-full", concat(FAST.expressions(), List.of(
            "velocity_count_1m", "log1p(velocity_count_1h)", "log1p(velocity_count_24h)",
            "ratio(velocity_sum_1h,avg_amount)", "ratio(velocity_sum_24h,avg_amount)", "ip_risk")));

    /**
     * The deep model (served by the deep-risk enricher) sees what the fast one sees, the sync features only, since
     * it runs beside the other enrichers and not after them, but as a factorization machine it also weighs every
     * pair of inputs.
     */
    static final ModelInputs DEEP = new ModelInputs("payment-risk-deep", FAST.expressions());

    private static final Map<String, String> RAW_UNITS = Map.ofEntries(
            Map.entry(RawFeatures.AMOUNT, "EUR"), Map.entry(RawFeatures.ACCOUNT_AGE_DAYS, "days"),
            Map.entry(RawFeatures.AVG_AMOUNT, "EUR"), Map.entry(RawFeatures.CHARGEBACKS_90D, "count"),
            Map.entry(RawFeatures.TXN_COUNT_30D, "count"), Map.entry(RawFeatures.MERCHANT_RISK, "score 0..1"),
            Map.entry(RawFeatures.VELOCITY_COUNT_1M, "count"), Map.entry(RawFeatures.VELOCITY_SUM_1M, "EUR"),
            Map.entry(RawFeatures.VELOCITY_COUNT_1H, "count"), Map.entry(RawFeatures.VELOCITY_SUM_1H, "EUR"),
            Map.entry(RawFeatures.VELOCITY_COUNT_24H, "count"), Map.entry(RawFeatures.VELOCITY_SUM_24H, "EUR"),
            Map.entry(RawFeatures.IP_RISK, "score 0..1"));

    ModelInputs {
        expressions = List.copyOf(expressions);
        expressions.forEach(FeatureExpression::parse); // fails fast on a typo
    }

    /** The unit of an expression's value, from the units of the raw features it reads. */
    static String unit(String expression) {
        return switch (FeatureExpression.parse(expression)) {
            case FeatureExpression.Raw raw -> rawUnit(raw.name());
            case FeatureExpression.Log1p log -> "ln(1 + " + rawUnit(log.name()) + ")";
            case FeatureExpression.Ratio ratio -> rawUnit(ratio.numerator()) + "/" + rawUnit(ratio.denominator());
        };
    }

    /** {@code enrichment} when the expression reads any feature that only enrichment provides, else {@code sync}. */
    static String source(String expression) {
        boolean late = FeatureExpression.parse(expression).reads().stream().anyMatch(RawFeatures.ENRICHMENT::contains);
        return late ? "enrichment" : "sync";
    }

    private static String rawUnit(String name) {
        String unit = RAW_UNITS.get(name);
        if (unit == null) {
            throw new IllegalArgumentException("unknown raw feature " + name);
        }
        return unit;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
