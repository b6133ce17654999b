package dev.tandem.api.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what {@code /actuator/prometheus} answers by default):
 * one sample a line, {@code name{label="value",...} value [timestamp]}; comments ({@code # HELP}, {@code # TYPE},
 * {@code # EOF}) and blank lines are skipped. Label values may escape {@code \\}, {@code \"} and {@code \n}.
 * Stateless and thread-safe.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /** Every sample of {@code text}. */
    static List<Sample> parse(String text) {
        return parse(text, name -> true);
    }

    /**
     * The samples of {@code text} whose series name {@code keep} accepts (the others are not even split into labels).
     *
     * @throws IllegalArgumentException naming the line, when a line is not a sample
     */
    static List<Sample> parse(String text, Predicate<String> keep) {
        var samples = new ArrayList<Sample>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                Sample sample = sample(trimmed, keep);
                if (sample != null) {
                    samples.add(sample);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a Prometheus sample ("
                        + e.getMessage() + "): " + abbreviate(trimmed), e);
            }
        }
        return samples;
    }

    private static @org.jspecify.annotations.Nullable Sample sample(String line, Predicate<String> keep) {
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && !Character.isWhitespace(line.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, nameEnd);
        if (!keep.test(name)) {
            return null;
        }
        var labels = new LinkedHashMap<String, String>();
        int at = nameEnd;
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
        }
        String[] rest = line.substring(at).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code key="value",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (true) {
            at = skipSpaces(line, at);
            if (at >= line.length()) {
                throw new IllegalArgumentException("unterminated labels");
            }
            if (line.charAt(at) == '}') {
                return at + 1;
            }
            int equals = line.indexOf('=', at);
            if (equals < 0) {
                throw new IllegalArgumentException("label without '='");
            }
            String key = line.substring(at, equals).strip();
            at = skipSpaces(line, equals + 1);
            if (at >= line.length() || line.charAt(at) != '"') {
                throw new IllegalArgumentException("label " + key + " has no quoted value");
            }
            var value = new StringBuilder();
            at++;
            while (true) {
                if (at >= line.length()) {
                    throw new IllegalArgumentException("unterminated value of label " + key);
                }
                char c = line.charAt(at++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && at < line.length()) {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            at = skipSpaces(line, at);
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            }
        }
    }

    private static int skipSpaces(String line, int at) {
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        return at;
    }

    /** A sample value: a float, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
