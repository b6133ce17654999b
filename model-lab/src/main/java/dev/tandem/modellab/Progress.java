package dev.tandem.modellab;

/** Small helpers for the commands' progress lines. */
final class Progress {

    private Progress() {
    }

    /** Seconds since a {@link System#nanoTime()} reading, as {@code 1.2 s}. */
    static String since(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
