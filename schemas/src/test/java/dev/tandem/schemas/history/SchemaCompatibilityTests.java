package dev.tandem.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Today's event schemas against every kept version, both ways: new readers must read old records
 * and old readers (services not yet redeployed) must read new ones.
 */
class SchemaCompatibilityTests {

    static Stream<Arguments> keptVersions() {
        return CurrentSchemas.events().values().stream().flatMap(current -> SchemaHistory.versions(current).stream()
                .map(kept -> Arguments.of(kept.toString(), current, kept)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptVersions")
    void current_keptVersion_isFullyCompatible(String name, Schema current, SchemaVersion kept) {
        assertThat(CompatibilityCheck.problems(current, kept.schema()))
                .as("today's %s against %s", current.getName(), name)
                .isEmpty();
    }

    @Test
    void keptVersions_coverEveryEvent() {
        assertThat(keptVersions()).hasSizeGreaterThanOrEqualTo(CurrentSchemas.events().size());
    }

    @Test
    void check_newFieldWithoutDefault_isIncompatible() {
        Schema kept = decisionMade();
        List<Schema.Field> fields = copyFields(kept);
        fields.add(new Schema.Field("riskBand", Schema.create(Schema.Type.STRING)));
        Schema mutated = record(kept, fields);

        assertThat(CompatibilityCheck.problems(mutated, kept))
                .singleElement().asString()
                .startsWith("new reader, old writer: READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("riskBand");
    }

    @Test
    void check_removedEnumSymbol_isIncompatible() {
        Schema kept = decisionMade();
        Schema priority = kept.getField("priority").schema();
        Schema withoutBulk = Schema.createEnum(priority.getName(), priority.getDoc(), priority.getNamespace(),
                List.of("CRITICAL", "STANDARD"));
        Schema mutated = withFieldSchema(kept, "priority", withoutBulk);

        assertThat(CompatibilityCheck.avroOnly(mutated, kept)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(CompatibilityCheck.problems(mutated, kept))
                .anySatisfy(problem -> assertThat(problem).startsWith("new reader, old writer: MISSING_ENUM_SYMBOLS"))
                .anySatisfy(problem -> assertThat(problem).contains("lost symbols [BULK]"));
    }

    @Test
    void check_removedSymbolOfEnumWithDefault_isIncompatibleThoughAvroAcceptsIt() {
        Schema kept = decisionMade();
        Schema verdict = kept.getField("verdict").schema();
        Schema withoutDecline = Schema.createEnum(verdict.getName(), verdict.getDoc(), verdict.getNamespace(),
                List.of("APPROVE", "REVIEW"), verdict.getEnumDefault());
        Schema mutated = withFieldSchema(kept, "verdict", withoutDecline);

        assertThat(CompatibilityCheck.avroOnly(mutated, kept)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(CompatibilityCheck.problems(mutated, kept))
                .containsExactly("enum dev.tandem.schemas.event.Verdict lost symbols [DECLINE]"
                        + " (old data would silently read as REVIEW)");
    }

    @Test
    void check_changedLogicalType_isIncompatibleThoughAvroAcceptsIt() {
        Schema kept = decisionMade();
        Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        Schema mutated = withFieldSchema(kept, "deadline", micros);

        assertThat(CompatibilityCheck.avroOnly(mutated, kept)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(CompatibilityCheck.problems(mutated, kept))
                .containsExactly("logical type of /deadline:long changed from timestamp-millis to timestamp-micros");
    }

    private static Schema decisionMade() {
        return CurrentSchemas.events().get("DecisionMade");
    }

    private static List<Schema.Field> copyFields(Schema record) {
        List<Schema.Field> fields = new ArrayList<>();
        record.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        return fields;
    }

    private static Schema withFieldSchema(Schema record, String fieldName, Schema replacement) {
        List<Schema.Field> fields = new ArrayList<>();
        record.getFields().forEach(field -> fields.add(
                new Schema.Field(field, field.name().equals(fieldName) ? replacement : field.schema())));
        return record(record, fields);
    }

    private static Schema record(Schema like, List<Schema.Field> fields) {
        return Schema.createRecord(like.getName(), like.getDoc(), like.getNamespace(), false, fields);
    }
}
