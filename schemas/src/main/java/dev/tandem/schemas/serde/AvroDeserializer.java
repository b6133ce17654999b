package dev.tandem.schemas.serde;

import java.io.IOException;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a generated Avro record from Avro single-object encoding, resolving the writer schema by
 * the fingerprint in the message. Thread-safe.
 *
 * @param <T> the generated record type
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final BinaryMessageDecoder<T> decoder;
    private final String typeName;

    public AvroDeserializer(Class<T> type) {
        var schema = SpecificData.get().getSchema(type);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), schema);
        this.typeName = schema.getFullName();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        }
        catch (IOException | RuntimeException ex) {
            throw new SerializationException("Cannot decode " + typeName + " from topic " + topic + ": " + ex.getMessage(), ex);
        }
    }
}
