package dev.tandem.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes a generated Avro record in Avro single-object encoding: the two marker bytes
 * {@code C3 01}, the 64-bit CRC-64-AVRO fingerprint of today's schema (little-endian), then the
 * binary datum. Readers need that schema among their known ones ({@link AvroDeserializer}), so
 * consumers are deployed before the producers of a new schema version. Thread-safe.
 *
 * @param <T> the generated record type
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final BinaryMessageEncoder<T> encoder;

    /**
     * A serializer that writes {@code type} with the schema generated into it.
     *
     * @param type a generated Avro record class, such as {@code DecisionMade.class}
     */
    public AvroSerializer(Class<T> type) {
        this.encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(type), SpecificData.get().getSchema(type));
    }

    /**
     * Encodes one record value.
     *
     * @param topic the topic the record goes to, used in error messages
     * @param data the record, or {@code null} for a tombstone
     * @return the encoded bytes, or {@code null} when {@code data} is {@code null}
     * @throws SerializationException if the record cannot be encoded (for example a required field is null)
     */
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(data);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        catch (IOException | RuntimeException ex) {
            throw new SerializationException("Cannot encode " + data.getSchema().getFullName() + " for topic " + topic, ex);
        }
    }
}
