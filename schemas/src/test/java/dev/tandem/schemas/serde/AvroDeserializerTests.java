package dev.tandem.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import dev.tandem.schemas.event.EnrichmentCompleted;
import dev.tandem.schemas.event.OutcomeUpdated;
import dev.tandem.schemas.history.SchemaHistory;
import dev.tandem.schemas.history.SchemaVersion;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroDeserializerTests {

    private static final String DECISION_MADE = "dev.tandem.schemas.event.DecisionMade";

    @Test
    void roundTrip_decisionMade_isEqual() {
        assertRoundTrip(DecisionMade.class, Events.decisionMade(), Topics.DECISIONS);
    }

    @Test
    void roundTrip_enrichmentCompleted_isEqual() {
        assertRoundTrip(EnrichmentCompleted.class, Events.enrichmentCompleted(), Topics.ENRICHMENTS);
    }

    @Test
    void roundTrip_outcomeUpdated_isEqual() {
        assertRoundTrip(OutcomeUpdated.class, Events.outcomeUpdated(), Topics.OUTCOMES);
    }

    @Test
    void deserialize_tombstone_returnsNull() {
        assertThat(new AvroDeserializer<>(OutcomeUpdated.class).deserialize(Topics.OUTCOMES, null)).isNull();
    }

    @Test
    void deserialize_olderWriterSchema_appliesDefaults() throws IOException {
        Schema older = olderDecisionMadeSchema();
        var deserializer = new AvroDeserializer<>(DecisionMade.class, List.of(older));

        DecisionMade decoded = deserializer.deserialize(Topics.DECISIONS, writeWithOlderSchema(older));

        DecisionMade expected = Events.decisionMade();
        expected.setTenant("default");
        expected.setReasons(List.of());
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.getTenant()).isInstanceOf(String.class);
    }

    @Test
    void deserialize_olderWriterSchemaNotKept_throwsNamingTypeTopicAndFingerprint() throws IOException {
        Schema older = olderDecisionMadeSchema();
        byte[] bytes = writeWithOlderSchema(older);
        var deserializer = new AvroDeserializer<>(DecisionMade.class);

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> deserializer.deserialize(Topics.DECISIONS, bytes))
                .withMessageContaining(DECISION_MADE)
                .withMessageContaining("topic " + Topics.DECISIONS)
                .withMessageContaining("unknown writer schema fingerprint "
                        + SchemaVersion.hex(SchemaNormalization.parsingFingerprint64(older)));
    }

    @Test
    void deserialize_unknownFingerprint_listsEveryKeptVersion() {
        byte[] bytes = new AvroSerializer<>(EnrichmentCompleted.class)
                .serialize(Topics.ENRICHMENTS, Events.enrichmentCompleted());
        var deserializer = new AvroDeserializer<>(DecisionMade.class);

        var thrown = assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> deserializer.deserialize(Topics.DECISIONS, bytes))
                .withMessageContaining(DECISION_MADE)
                .withMessageContaining(SchemaVersion.hex(
                        SchemaNormalization.parsingFingerprint64(EnrichmentCompleted.getClassSchema())));
        assertThat(SchemaHistory.versions(DecisionMade.class)).isNotEmpty().allSatisfy(
                version -> thrown.withMessageContaining(version.fingerprintHex() + " (v" + version.number()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notSingleObjectEncoded")
    void deserialize_garbageBytes_throwsNamingTypeAndTopic(String description, byte[] bytes) {
        var deserializer = new AvroDeserializer<>(DecisionMade.class);

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> deserializer.deserialize(Topics.DECISIONS, bytes))
                .withMessageContaining(DECISION_MADE)
                .withMessageContaining("topic " + Topics.DECISIONS)
                .withMessageContaining("not Avro single-object encoding");
    }

    static Stream<Arguments> notSingleObjectEncoded() {
        return Stream.of(
                Arguments.of("text", "{\"decisionId\":\"d-1\"}".getBytes()),
                Arguments.of("empty", new byte[0]),
                Arguments.of("marker without fingerprint", new byte[] {(byte) 0xC3, 0x01, 0x12, 0x34}),
                Arguments.of("other marker", new byte[] {(byte) 0xC3, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void deserialize_truncatedBody_throwsNamingFingerprint() {
        byte[] bytes = new AvroSerializer<>(DecisionMade.class).serialize(Topics.DECISIONS, Events.decisionMade());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 20);
        var deserializer = new AvroDeserializer<>(DecisionMade.class);

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> deserializer.deserialize(Topics.DECISIONS, truncated))
                .withMessageContaining(DECISION_MADE)
                .withMessageContaining("topic " + Topics.DECISIONS)
                .withMessageContaining(SchemaVersion.hex(
                        SchemaNormalization.parsingFingerprint64(DecisionMade.getClassSchema())));
    }

    private static <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T event, String topic) {
        byte[] bytes = new AvroSerializer<>(type).serialize(topic, event);

        T decoded = new AvroDeserializer<>(type).deserialize(topic, bytes);

        assertThat(decoded).isEqualTo(event).isNotSameAs(event);
    }

    private static Schema olderDecisionMadeSchema() throws IOException {
        try (InputStream in = AvroDeserializerTests.class.getResourceAsStream("DecisionMade-before-tenant-and-reasons.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    /** Encodes {@link Events#decisionMade()} as a producer with the older schema would have. */
    private static byte[] writeWithOlderSchema(Schema older) throws IOException {
        DecisionMade event = Events.decisionMade();
        GenericRecord record = new GenericRecordBuilder(older)
                .set("decisionId", event.getDecisionId())
                .set("flow", event.getFlow())
                .set("entityId", event.getEntityId())
                .set("requestId", event.getRequestId())
                .set("priority", new GenericData.EnumSymbol(older.getField("priority").schema(), event.getPriority().name()))
                .set("attributes", event.getAttributes())
                .set("features", event.getFeatures())
                .set("verdict", new GenericData.EnumSymbol(older.getField("verdict").schema(), event.getVerdict().name()))
                .set("score", event.getScore())
                .set("model", new GenericRecordBuilder(older.getField("model").schema())
                        .set("name", event.getModel().getName())
                        .set("version", event.getModel().getVersion())
                        .build())
                .set("requiredEnrichers", event.getRequiredEnrichers())
                .set("degraded", event.getDegraded())
                .set("eventTime", event.getEventTime().toEpochMilli())
                .set("decidedAt", event.getDecidedAt().toEpochMilli())
                .set("deadline", event.getDeadline().toEpochMilli())
                .build();
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
