package dev.tandem.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat JSON object whose values are numbers, booleans or strings without escapes: all the admin endpoint
 * takes, and reason enough not to bring a JSON library into a module that needs none.
 */
final class FlatJson {

    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * The object's fields in order; numbers as {@link Double}.
     *
     * @throws IllegalArgumentException saying where the text stops being such an object
     */
    static Map<String, Object> parse(String text) {
        return new FlatJson(text).object();
    }

    private Map<String, Object> object() {
        var fields = new LinkedHashMap<String, Object>();
        expect('{');
        if (peek() == '}') {
            at++;
        } else {
            do {
                String name = string();
                expect(':');
                fields.put(name, value());
            } while (accept(','));
            expect('}');
        }
        if (peek() != 0) {
            throw error("end of input");
        }
        return fields;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (text.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        int start = at;
        while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return Double.parseDouble(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("a number, a string, true or false");
        }
    }

    private String string() {
        expect('"');
        int end = text.indexOf('"', at);
        if (end < 0 || text.substring(at, end).indexOf('\\') >= 0) {
            throw error("a string without escapes");
        }
        String value = text.substring(at, end);
        at = end + 1;
        return value;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "'");
        }
    }

    private boolean accept(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    /** The next character that is not white space, or 0 at the end. */
    private char peek() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at < text.length() ? text.charAt(at) : 0;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("not a flat JSON object: expected " + expected + " at offset " + at);
    }
}
