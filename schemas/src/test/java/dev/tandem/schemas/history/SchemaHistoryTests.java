package dev.tandem.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import dev.tandem.schemas.event.DecisionMade;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaHistoryTests {

    /** Every event schema in src/main/avro, found by listing the folder, not by a list kept here. */
    static Set<String> events() {
        return CurrentSchemas.events().keySet();
    }

    @Test
    void events_areFoundInTheAvroSources() {
        assertThat(events()).contains("DecisionMade", "EnrichmentCompleted", "OutcomeUpdated");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void history_eventType_keepsVersionOne(String name) {
        Schema current = CurrentSchemas.events().get(name);

        assertThat(SchemaHistory.class.getClassLoader().getResource(SchemaHistory.resourceName(name, 1)))
                .as("every event keeps its released versions: add src/main/resources/%s (Schema.toString(true))",
                        SchemaHistory.resourceName(name, 1))
                .isNotNull();
        assertThat(SchemaHistory.versions(current)).first().satisfies(first -> {
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.type()).isEqualTo(current.getFullName());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void history_newestVersion_isTodaysSchema(String name) {
        Schema current = CurrentSchemas.events().get(name);
        SchemaVersion newest = SchemaHistory.versions(current).getLast();

        assertThat(SchemaVersion.hex(SchemaNormalization.parsingFingerprint64(current)))
                .as("%s changed since v%d: keep the new version as src/main/resources/%s (Schema.toString(true))",
                        name, newest.number(), SchemaHistory.resourceName(name, newest.number() + 1))
                .isEqualTo(newest.fingerprintHex());
    }

    @Test
    void versions_byGeneratedClass_matchVersionsBySchema() {
        assertThat(SchemaHistory.versions(DecisionMade.class))
                .isNotEmpty()
                .isEqualTo(SchemaHistory.versions(CurrentSchemas.events().get("DecisionMade")));
    }

    @Test
    void versions_ofTypeWithoutHistory_isEmpty() {
        Schema unreleased = Schema.createRecord("Unreleased", null, "dev.tandem.schemas.event", false, List.of());

        assertThat(SchemaHistory.versions(unreleased)).isEmpty();
    }

    @Test
    void hex_printsSixteenHexDigits() {
        assertThat(SchemaVersion.hex(0x515d70cd9a45b78dL)).isEqualTo("0x515d70cd9a45b78d");
        assertThat(SchemaVersion.hex(1L)).isEqualTo("0x0000000000000001");
    }
}
