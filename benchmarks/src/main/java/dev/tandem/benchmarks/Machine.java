package dev.tandem.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the plain-main benchmarks print about the machine they ran on, so that a reader can judge the numbers. */
public final class Machine {

    private Machine() {
    }

    /** For example {@code 2 CPUs, load average 1.20 0.90 0.80 (1, 5, 15 min), 2026-11-28T13:00:00Z, JDK 25.0.3}. */
    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, load average " + loadAverage()
                + " (1, 5, 15 min), " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", JDK "
                + Runtime.version();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
