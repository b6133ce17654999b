package dev.tandem.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON documents written so that diffs read well (keys sorted, pretty-printed), and told apart by path. */
public final class JsonTrees {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonTrees() {
    }

    public static JsonNode read(String json) {
        return JSON.readTree(json);
    }

    /** The document pretty-printed with every object's keys in alphabetical order, ending with a newline. */
    public static String write(JsonNode document) {
        return JSON.writeValueAsString(sorted(document)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            new TreeSet<>(node.propertyNames()).forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    /**
     * Where {@code actual} differs from {@code expected}, as JSON pointers with what each side holds there; at most
     * {@code max} of them, empty when the two are equal (key order aside).
     */
    public static List<String> differences(JsonNode expected, JsonNode actual, int max) {
        var found = new ArrayList<String>();
        compare("", expected, actual, found, max);
        return found;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> found, int max) {
        if (found.size() >= max || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            var names = new TreeSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String name : names) {
                String child = path + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    add(found, max, child + ": only in the served document");
                } else if (!actual.has(name)) {
                    add(found, max, child + ": only in the committed file");
                } else {
                    compare(child, expected.get(name), actual.get(name), found, max);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "/" + i, expected.get(i), actual.get(i), found, max);
            }
            return;
        }
        add(found, max, (path.isEmpty() ? "/" : path) + ": committed " + abbreviate(expected) + ", served "
                + abbreviate(actual));
    }

    private static void add(List<String> found, int max, String difference) {
        if (found.size() < max) {
            found.add(difference);
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
