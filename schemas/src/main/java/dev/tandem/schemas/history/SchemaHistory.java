package dev.tandem.schemas.history;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * The released versions of each event schema, kept in this jar so that a consumer can decode
 * records written by any earlier producer without a schema registry.
 *
 * <p>Version {@code n} of event {@code Name} is the classpath resource
 * {@code dev/tandem/schemas/history/Name/vn.avsc}: a self-contained schema (named types inlined),
 * numbered from 1 without gaps. A released version is never edited; a change to an event schema
 * adds the next version. The build checks that today's schema is fully compatible with every kept
 * version and that the newest kept version is today's schema.
 *
 * <p>Versions are read once per type and cached. Thread-safe. The returned {@link Schema}s are
 * shared: do not add properties to them.
 */
public final class SchemaHistory {

    /** Classpath folder that holds one sub-folder per event, named by the event's simple name. */
    static final String RESOURCE_ROOT = "dev/tandem/schemas/history/";

    private static final Map<String, List<SchemaVersion>> CACHE = new ConcurrentHashMap<>();

    private SchemaHistory() {
    }

    /**
     * The kept versions of a generated event type, oldest first.
     *
     * @param type a generated Avro record class, such as {@code DecisionMade.class}
     * @return the versions, oldest first; empty when none are kept for the type
     * @throws IllegalStateException if a kept file cannot be read or parsed, or describes another type
     */
    public static List<SchemaVersion> versions(Class<? extends SpecificRecord> type) {
        return versions(SpecificData.get().getSchema(type));
    }

    /**
     * The kept versions of the record type that {@code schema} names, oldest first.
     *
     * @param schema a record schema; only its full name is used
     * @return the versions, oldest first; empty when none are kept for the type
     * @throws IllegalStateException if a kept file cannot be read or parsed, or describes another type
     */
    public static List<SchemaVersion> versions(Schema schema) {
        return CACHE.computeIfAbsent(schema.getFullName(), fullName -> load(schema.getName(), fullName));
    }

    /** The classpath resource of one version. */
    static String resourceName(String simpleName, int version) {
        return RESOURCE_ROOT + simpleName + "/v" + version + ".avsc";
    }

    private static List<SchemaVersion> load(String simpleName, String fullName) {
        List<SchemaVersion> versions = new ArrayList<>();
        for (int number = 1;; number++) {
            String resource = resourceName(simpleName, number);
            Schema schema = read(resource);
            if (schema == null) {
                return List.copyOf(versions);
            }
            if (!schema.getFullName().equals(fullName)) {
                throw new IllegalStateException(
                        resource + " describes " + schema.getFullName() + ", expected " + fullName);
            }
            versions.add(new SchemaVersion(fullName, number, schema));
        }
    }

    private static @Nullable Schema read(String resource) {
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            // a fresh parser per file: each kept version must stand alone
            return new Schema.Parser().parse(in);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + resource, ex);
        }
        catch (SchemaParseException ex) {
            throw new IllegalStateException("Cannot parse " + resource + ": " + ex.getMessage(), ex);
        }
    }
}
