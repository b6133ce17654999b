package dev.tandem.core.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model input computed from raw features: a raw feature ({@code amount}), its natural log plus
 * one ({@code log1p(amount)}) or a ratio of two ({@code ratio(amount,avg_amount)}). Training and
 * serving both evaluate inputs through this type, so they cannot drift apart. Immutable.
 */
public sealed interface FeatureExpression {

    Pattern CALL = Pattern.compile("(\\w+)\\(\\s*([\\w.]+)\\s*(?:,\\s*([\\w.]+)\\s*)?\\)");
    Pattern NAME = Pattern.compile("[\\w.]+");

    /** The raw features this expression reads. */
    List<String> reads();

    /** The value, or NaN when a raw feature it reads is absent or the result is not finite. */
    double evaluate(Map<String, Double> raw);

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the text when it is not an expression
     */
    static FeatureExpression parse(String text) {
        String trimmed = text.strip();
        if (NAME.matcher(trimmed).matches()) {
            return new Raw(trimmed);
        }
        Matcher call = CALL.matcher(trimmed);
        if (call.matches()) {
            String arg2 = call.group(3);
            switch (call.group(1)) {
                case "log1p" -> {
                    if (arg2 == null) {
                        return new Log1p(call.group(2));
                    }
                }
                case "ratio" -> {
                    if (arg2 != null) {
                        return new Ratio(call.group(2), arg2);
                    }
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a feature expression: use name, log1p(name) or ratio(a,b)");
    }

    private static double get(Map<String, Double> raw, String name) {
        Double value = raw.get(name);
        return value == null ? Double.NaN : value;
    }

    record Raw(String name) implements FeatureExpression {
        public List<String> reads() {
            return List.of(name);
        }

        public double evaluate(Map<String, Double> raw) {
            return get(raw, name);
        }
    }

    record Log1p(String name) implements FeatureExpression {
        public List<String> reads() {
            return List.of(name);
        }

        public double evaluate(Map<String, Double> raw) {
            double value = get(raw, name);
            return value > -1 ? Math.log1p(value) : Double.NaN;
        }
    }

    record Ratio(String numerator, String denominator) implements FeatureExpression {
        public List<String> reads() {
            return List.of(numerator, denominator);
        }

        public double evaluate(Map<String, Double> raw) {
            double result = get(raw, numerator) / get(raw, denominator);
            return Double.isFinite(result) ? result : Double.NaN;
        }
    }
}
