package dev.tandem.schemas.history;

import java.util.HexFormat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * One released version of an event schema.
 *
 * @param type the full name of the event, such as {@code dev.tandem.schemas.event.DecisionMade}
 * @param number the version number, from 1
 * @param schema the self-contained schema of that version
 */
public record SchemaVersion(String type, int number, Schema schema) {

    /**
     * The CRC-64-AVRO fingerprint of the schema's parsing canonical form: the number that Avro
     * single-object encoding writes (little-endian) after its two marker bytes.
     */
    public long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint as {@code 0x} followed by 16 hex digits, as Tandem's messages print it. */
    public String fingerprintHex() {
        return hex(fingerprint());
    }

    /** Formats a schema fingerprint as {@code 0x} followed by 16 hex digits. */
    public static String hex(long fingerprint) {
        return "0x" + HexFormat.of().toHexDigits(fingerprint);
    }

    @Override
    public String toString() {
        return type + " v" + number + " (" + fingerprintHex() + ")";
    }
}
