package dev.tandem.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.core.ExecutableProvider;

/** The redis-server executable that embedded-redis ships for this OS and architecture. */
final class RedisBinary {

    private RedisBinary() {
    }

    /** Writes the executable into {@code binDir} (replacing an earlier copy) and returns its path. */
    static Path extractTo(Path binDir) throws IOException {
        Files.createDirectories(binDir);
        return ExecutableProvider.newJarResourceProvider(binDir.toFile()).get().toPath().toAbsolutePath();
    }

    /**
     * The command that starts {@code binary} in its own session where {@code setsid} exists, so that a Ctrl-C in
     * the terminal reaches only the JVM, which then stops Redis last, after the services that use it.
     */
    static String[] launcher() {
        for (String setsid : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (Files.isExecutable(Path.of(setsid))) {
                return new String[] {setsid};
            }
        }
        return new String[0];
    }
}
