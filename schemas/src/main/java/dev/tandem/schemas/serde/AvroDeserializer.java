package dev.tandem.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tandem.schemas.history.SchemaHistory;
import dev.tandem.schemas.history.SchemaVersion;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a generated Avro record from Avro single-object encoding, resolving the writer schema by
 * the fingerprint in the message.
 *
 * <p>Known writer schemas are today's schema of {@code T} and every version of it kept in
 * {@link SchemaHistory}. A record written with an older version is resolved into today's class:
 * fields the writer did not have take their defaults. Outcomes:
 * <ul>
 * <li>{@code null} data (a tombstone) gives {@code null};</li>
 * <li>bytes that are not single-object encoding (too short, or without the {@code C3 01} marker)
 * give a {@link SerializationException} naming the type and the topic;</li>
 * <li>a fingerprint of no known schema gives a {@link SerializationException} naming the type,
 * the topic, the fingerprint and the known fingerprints: the writer used a schema this build does
 * not have (a newer version, or another event type on the wrong topic);</li>
 * <li>a known fingerprint with a body that does not decode gives a {@link SerializationException}
 * naming the type, the topic and the fingerprint.</li>
 * </ul>
 * None of these is retryable: the same bytes fail the same way. Fingerprints are printed as
 * {@code 0x} and 16 hex digits of the CRC-64-AVRO value ({@link SchemaVersion#hex(long)}).
 *
 * <p>Thread-safe.
 *
 * @param <T> the generated record type
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /** Two marker bytes and the 8-byte fingerprint that precede every single-object-encoded datum. */
    private static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final BinaryMessageDecoder<T> decoder;
    private final String typeName;
    /** Fingerprint to a label for messages, such as {@code v1} or {@code current}. */
    private final Map<Long, String> known;

    /**
     * A deserializer for {@code type} that accepts today's schema and every version kept in
     * {@link SchemaHistory}.
     *
     * @param type a generated Avro record class, such as {@code DecisionMade.class}
     * @throws IllegalStateException if a kept schema version of the type cannot be read
     */
    public AvroDeserializer(Class<T> type) {
        this(type, SchemaHistory.versions(type).stream().map(SchemaVersion::schema).toList());
    }

    /** For tests: accepts today's schema and the given writer schemas (not the kept history). */
    AvroDeserializer(Class<T> type, Collection<Schema> writerSchemas) {
        Schema current = SpecificData.get().getSchema(type);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), current);
        this.typeName = current.getFullName();
        Map<Long, String> labels = new LinkedHashMap<>();
        int n = 0;
        for (Schema writer : writerSchemas) {
            n++;
            decoder.addSchema(writer);
            labels.put(SchemaNormalization.parsingFingerprint64(writer), "v" + n);
        }
        labels.merge(SchemaNormalization.parsingFingerprint64(current), "current", (kept, now) -> kept + " = " + now);
        this.known = Map.copyOf(labels);
    }

    /**
     * Decodes one record value.
     *
     * @param topic the topic the record came from, used in error messages
     * @param data the record value, or {@code null} for a tombstone
     * @return the record in today's class, or {@code null} when {@code data} is {@code null}
     * @throws SerializationException if the bytes cannot be decoded; see the class description
     */
    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != MARKER_0 || data[1] != MARKER_1) {
            throw new SerializationException("Cannot decode " + typeName + " from topic " + topic
                    + ": not Avro single-object encoding (" + data.length + " bytes, "
                    + describeStart(data) + ")");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (!known.containsKey(fingerprint)) {
            throw new SerializationException("Cannot decode " + typeName + " from topic " + topic
                    + ": unknown writer schema fingerprint " + SchemaVersion.hex(fingerprint)
                    + "; known: " + describeKnown());
        }
        try {
            return decoder.decode(data);
        }
        catch (IOException | RuntimeException ex) {
            throw new SerializationException("Cannot decode " + typeName + " from topic " + topic
                    + " written with schema fingerprint " + SchemaVersion.hex(fingerprint) + " ("
                    + known.get(fingerprint) + "): " + ex, ex);
        }
    }

    private String describeKnown() {
        List<String> parts = new ArrayList<>();
        known.forEach((fingerprint, label) -> parts.add(SchemaVersion.hex(fingerprint) + " (" + label + ")"));
        parts.sort(null);
        return String.join(", ", parts);
    }

    private static String describeStart(byte[] data) {
        int shown = Math.min(data.length, 2);
        if (shown == 0) {
            return "empty";
        }
        StringBuilder text = new StringBuilder("starts");
        for (int i = 0; i < shown; i++) {
            text.append(String.format(" 0x%02X", data[i]));
        }
        return text.toString();
    }
}
