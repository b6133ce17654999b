package dev.tandem.it.monitoring;

import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression (as a Grafana dashboard writes it) reads. A name is an identifier that is not
 * a function (followed by {@code (}), a keyword, a label (inside {@code {…}} or a {@code by (…)}-like list), a
 * duration (inside {@code […]}), a number, a string or a Grafana variable ({@code $flow}, {@code ${flow}},
 * {@code $__rate_interval}). Not supported: selectors without a name ({@code {__name__="…"}}), and series named
 * like an aggregation operator ({@code count}).
 */
final class PromQlMetricNames {

    /**
     * Keywords, operators written as words, and the aggregation operators (which may be followed by {@code by (…)}
     * rather than their parenthesis); compared in lower case.
     */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "sum", "min", "max", "avg", "group",
            "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    /** Keywords followed by a list of labels in parentheses. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQlMetricNames() {
    }

    static SortedSet<String> of(String expression) {
        var names = new TreeSet<String>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expression, i);
            } else if (c == '{') {
                i = after(expression, i, '}');
            } else if (c == '[') {
                i = after(expression, i, ']');
            } else if (c == '$') {
                i = i + 1 < expression.length() && expression.charAt(i + 1) == '{' ? after(expression, i, '}')
                        : identifierEnd(expression, i + 1);
            } else if (Character.isDigit(c) || c == '.') {
                i = numberEnd(expression, i);
            } else if (isIdentifierStart(c)) {
                int end = identifierEnd(expression, i);
                String word = expression.substring(i, end);
                int next = skipSpaces(expression, end);
                boolean parenthesis = next < expression.length() && expression.charAt(next) == '(';
                if (parenthesis && LABEL_LISTS.contains(word.toLowerCase(Locale.ROOT))) {
                    i = after(expression, next, ')');
                } else {
                    if (!parenthesis && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                        names.add(word);
                    }
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** The index after the {@code close} that ends what starts at {@code open}, strings inside skipped. */
    private static int after(String expression, int open, char close) {
        int i = open + 1;
        while (i < expression.length() && expression.charAt(i) != close) {
            char c = expression.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? afterString(expression, i) : i + 1;
        }
        if (i >= expression.length()) {
            throw new IllegalArgumentException("no '" + close + "' closes position " + open + " of " + expression);
        }
        return i + 1;
    }

    private static int afterString(String expression, int quote) {
        char delimiter = expression.charAt(quote);
        int i = quote + 1;
        while (i < expression.length() && expression.charAt(i) != delimiter) {
            i += expression.charAt(i) == '\\' && delimiter != '`' ? 2 : 1;
        }
        if (i >= expression.length()) {
            throw new IllegalArgumentException("unterminated string at position " + quote + " of " + expression);
        }
        return i + 1;
    }

    /** Numbers and durations: {@code 0.99}, {@code 1e-3}, {@code 0x1f}, {@code 5m}, {@code 1h30m}. */
    private static int numberEnd(String expression, int start) {
        int i = start;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            boolean exponentSign = (c == '+' || c == '-') && i > start
                    && Character.toLowerCase(expression.charAt(i - 1)) == 'e'
                    && Character.isDigit(expression.charAt(start));
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && !exponentSign) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static int identifierEnd(String expression, int start) {
        int i = start;
        while (i < expression.length() && (isIdentifierStart(expression.charAt(i))
                || Character.isDigit(expression.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String expression, int start) {
        int i = start;
        while (i < expression.length() && Character.isWhitespace(expression.charAt(i))) {
            i++;
        }
        return i;
    }
}
