package dev.tandem.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.tandem.schemas.Topics;
import dev.tandem.schemas.event.DecisionMade;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerializerTests {

    private final AvroSerializer<DecisionMade> serializer = new AvroSerializer<>(DecisionMade.class);

    @Test
    void serialize_event_writesMarkerAndFingerprintOfTodaysSchema() {
        byte[] bytes = serializer.serialize(Topics.DECISIONS, Events.decisionMade());

        assertThat(bytes).startsWith((byte) 0xC3, (byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(DecisionMade.getClassSchema()));
    }

    @Test
    void serialize_null_returnsNullForATombstone() {
        assertThat(serializer.serialize(Topics.DECISIONS, null)).isNull();
    }

    @Test
    void serialize_missingRequiredField_throwsNamingTypeAndTopic() {
        DecisionMade incomplete = Events.decisionMade();
        incomplete.setFlow(null);

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serializer.serialize(Topics.DECISIONS, incomplete))
                .withMessageContaining("dev.tandem.schemas.event.DecisionMade")
                .withMessageContaining(Topics.DECISIONS);
    }
}
