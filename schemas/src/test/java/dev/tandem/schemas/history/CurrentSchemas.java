package dev.tandem.schemas.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;

/**
 * Today's event schemas, read from the module's {@code src/main/avro} (the shared named types in
 * {@code common/} first), so that a new event file is found without anyone listing it.
 */
final class CurrentSchemas {

    static final Path AVRO_SOURCES = Path.of("src/main/avro");

    private CurrentSchemas() {
    }

    /** Every top-level event schema by simple name, sorted. */
    static Map<String, Schema> events() {
        Schema.Parser parser = new Schema.Parser();
        for (Path common : avscFiles(AVRO_SOURCES.resolve("common"))) {
            parse(parser, common);
        }
        Map<String, Schema> events = new TreeMap<>();
        for (Path event : avscFiles(AVRO_SOURCES)) {
            Schema schema = parse(parser, event);
            events.put(schema.getName(), schema);
        }
        return events;
    }

    private static List<Path> avscFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".avsc")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
