package dev.tandem.devserver;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on the console: {@code starting Kafka on 19092 ... ready in 3.6 s}. */
final class Progress {

    /** One step that may fail with any exception. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    <T> T step(String doing, String done, Step<T> step) throws Exception {
        out.print(doing + " ... ");
        out.flush();
        long start = System.nanoTime();
        try {
            T result = step.run();
            out.println(done + " in " + seconds(start));
            return result;
        } catch (Exception | Error e) {
            out.println("failed after " + seconds(start));
            throw e;
        }
    }

    void note(String line) {
        out.println(line);
    }

    void stop(String what, Runnable stop) {
        try {
            step("stopping " + what, "stopped", () -> {
                stop.run();
                return what;
            });
        } catch (Exception e) {
            out.println("  " + what + " did not stop cleanly: " + e);
        }
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
