package dev.tandem.schemas.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Full compatibility between today's schema and a kept version, as Tandem requires it: Avro's own
 * checker in both directions, plus two rules Avro does not have.
 *
 * <ul>
 * <li>Avro accepts a removed enum symbol when the reader's enum has a default: old data with the
 * removed symbol then reads as the default. For {@code Verdict} that would turn a stored DECLINE
 * into REVIEW without a trace, so symbols of a kept version may never be removed.</li>
 * <li>Avro ignores logical types, and so does the fingerprint: {@code timestamp-millis} changed to
 * {@code timestamp-micros} would read old values a thousand times too small. A value keeps its
 * logical type.</li>
 * </ul>
 */
final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /** What makes {@code current} and {@code kept} not fully compatible; empty when they are. */
    static List<String> problems(Schema current, Schema kept) {
        List<String> problems = new ArrayList<>();
        avro(problems, "new reader, old writer", current, kept);
        avro(problems, "old reader, new writer", kept, current);
        removedEnumSymbols(problems, current, kept);
        changedLogicalTypes(problems, current, kept);
        return problems;
    }

    /** Avro's verdict alone, reader against writer. */
    static SchemaCompatibilityType avroOnly(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static void avro(List<String> problems, String direction, Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            problems.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + ": " + incompatibility.getMessage());
        }
    }

    private static void removedEnumSymbols(List<String> problems, Schema current, Schema kept) {
        Map<String, Schema> currentEnums = enums(current);
        enums(kept).forEach((name, keptEnum) -> {
            Schema currentEnum = currentEnums.get(name);
            if (currentEnum == null) {
                return;
            }
            Set<String> removed = new LinkedHashSet<>(keptEnum.getEnumSymbols());
            currentEnum.getEnumSymbols().forEach(removed::remove);
            if (!removed.isEmpty()) {
                problems.add("enum " + name + " lost symbols " + removed
                        + " (old data would silently read as " + currentEnum.getEnumDefault() + ")");
            }
        });
    }

    private static void changedLogicalTypes(List<String> problems, Schema current, Schema kept) {
        Map<String, String> currentTypes = logicalTypes(current);
        logicalTypes(kept).forEach((path, keptType) -> {
            String currentType = currentTypes.get(path);
            if (currentType != null && !currentType.equals(keptType)) {
                problems.add("logical type of " + path + " changed from " + keptType + " to " + currentType);
            }
        });
    }

    /** The logical type at every value path ({@code none} where there is none), by field names. */
    private static Map<String, String> logicalTypes(Schema schema) {
        Map<String, String> found = new LinkedHashMap<>();
        collectLogicalTypes(schema, "", found, new HashSet<>());
        return found;
    }

    private static void collectLogicalTypes(Schema schema, String path, Map<String, String> found, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(
                            field -> collectLogicalTypes(field.schema(), path + "/" + field.name(), found, seen));
                }
            }
            case ARRAY -> collectLogicalTypes(schema.getElementType(), path + "[]", found, seen);
            case MAP -> collectLogicalTypes(schema.getValueType(), path + "{}", found, seen);
            case UNION -> schema.getTypes().forEach(branch -> collectLogicalTypes(branch,
                    path + "|" + branch.getType().getName(), found, seen));
            default -> found.put(path + ":" + schema.getType().getName(),
                    schema.getLogicalType() == null ? "none" : schema.getLogicalType().getName());
        }
    }

    private static Map<String, Schema> enums(Schema schema) {
        Map<String, Schema> found = new LinkedHashMap<>();
        collectEnums(schema, found, new HashSet<>());
        return found;
    }

    private static void collectEnums(Schema schema, Map<String, Schema> found, Set<String> seen) {
        switch (schema.getType()) {
            case ENUM -> found.put(schema.getFullName(), schema);
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectEnums(field.schema(), found, seen));
                }
            }
            case ARRAY -> collectEnums(schema.getElementType(), found, seen);
            case MAP -> collectEnums(schema.getValueType(), found, seen);
            case UNION -> schema.getTypes().forEach(branch -> collectEnums(branch, found, seen));
            default -> {
            }
        }
    }
}
