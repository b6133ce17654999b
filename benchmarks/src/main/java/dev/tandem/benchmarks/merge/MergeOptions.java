package dev.tandem.benchmarks.merge;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The options of {@code ./tandem bench merge}. */
record MergeOptions(int outcomes, List<Integer> callers, Duration warmUp, Duration window, boolean chained) {

    static MergeOptions parse(String[] args) {
        int outcomes = 20_000;
        List<Integer> callers = List.of(1, 4, 16);
        Duration warmUp = Duration.ofSeconds(2);
        Duration window = Duration.ofSeconds(5);
        boolean chained = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--outcomes" -> outcomes = Integer.parseInt(value);
                case "--callers" -> callers = Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
                case "--warmup-seconds" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--seconds" -> window = Duration.ofSeconds(Long.parseLong(value));
                case "--chained" -> {
                    chained = true;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--outcomes N, --callers 1,4,16, --warmup-seconds S, --seconds S, --chained)");
            }
            i++;
        }
        return new MergeOptions(outcomes, callers, warmUp, window, chained);
    }

    MergeOptions {
        if (callers.stream().anyMatch(c -> c < 1 || c >= outcomes)) {
            throw new IllegalArgumentException("--callers must be at least 1 and fewer than --outcomes");
        }
        callers = List.copyOf(callers);
    }
}
