package dev.tandem.modellab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The artefacts committed in decision-core, found from the module's folder (Maven) or the repository's (IDEs). */
final class CommittedModels {

    static final Path FOLDER = locate();

    private CommittedModels() {
    }

    static ModelCard card(String name) {
        try {
            return ModelCards.read(ModelCards.folder(FOLDER, name).resolve("card.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        for (Path candidate : new Path[] {Path.of("..").resolve(ModelLab.DEFAULT_MODELS), ModelLab.DEFAULT_MODELS}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no committed models at " + ModelLab.DEFAULT_MODELS.toAbsolutePath());
    }
}
