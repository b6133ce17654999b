package dev.tandem.benchmarks.hotpath;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import dev.tandem.schemas.event.Priority;

/**
 * The priorities of the overload run's decisions, in percent. Decision {@code i}'s priority follows from {@code i}
 * alone, and each priority's decisions are spread evenly over every block of 100 (so the CRITICAL ones keep a steady
 * rate of their own instead of coming in bursts): exactly {@code critical} of each 100 consecutive decisions are
 * CRITICAL, {@code standard} STANDARD, the rest BULK.
 *
 * @param critical percent CRITICAL, at least 1 (the goal is about them)
 * @param standard percent STANDARD
 * @param bulk percent BULK
 */
record Mix(int critical, int standard, int bulk) {

    static final Mix DEFAULT = new Mix(10, 30, 60);
    /** The unloaded run's: CRITICAL alone, so that all its answers are samples of the baseline. */
    static final Mix ALL_CRITICAL = new Mix(100, 0, 0);

    Mix {
        if (critical < 1 || standard < 0 || bulk < 0 || critical + standard + bulk != 100) {
            throw new IllegalArgumentException("--mix: percentages that add up to 100, with CRITICAL at least 1; was "
                    + critical + " CRITICAL, " + standard + " STANDARD, " + bulk + " BULK");
        }
    }

    /** {@code critical=10,standard=30,bulk=60}, case aside; a priority left out is 0 %. */
    static Mix parse(String text) {
        var percents = new EnumMap<Priority, Integer>(Priority.class);
        for (String part : text.split(",")) {
            String[] pair = part.strip().split("=", 2);
            Priority priority;
            try {
                priority = Priority.valueOf(pair[0].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mix: unknown priority " + pair[0].strip()
                        + "; give critical=10,standard=30,bulk=60");
            }
            if (pair.length != 2 || percents.containsKey(priority)) {
                throw new IllegalArgumentException("--mix: give each priority once as name=percent, like"
                        + " critical=10,standard=30,bulk=60; was " + text);
            }
            percents.put(priority, Integer.parseInt(pair[1].strip()));
        }
        return new Mix(percents.getOrDefault(Priority.CRITICAL, 0), percents.getOrDefault(Priority.STANDARD, 0),
                percents.getOrDefault(Priority.BULK, 0));
    }

    /**
     * Decision {@code i}'s priority. Within each block of 100, slot {@code s} is CRITICAL when
     * {@code ⌊(s + 1) · critical / 100⌋} steps up there (Bresenham's spreading); the other slots are shared the same
     * way between STANDARD and BULK.
     */
    Priority of(long i) {
        int s = (int) Math.floorMod(i, 100L);
        if ((s + 1) * critical / 100 > s * critical / 100) {
            return Priority.CRITICAL;
        }
        int others = 100 - critical;
        int r = s - s * critical / 100; // this slot's place among the slots that are not CRITICAL
        return (r + 1) * standard / others > r * standard / others ? Priority.STANDARD : Priority.BULK;
    }

    /** How many of the decisions {@code from} to {@code from + count − 1} have {@code priority}. */
    long count(Priority priority, long from, long count) {
        long n = 0;
        for (long i = from; i < from + count; i++) {
            if (of(i) == priority) {
                n++;
            }
        }
        return n;
    }

    /** Each priority's percent. */
    Map<Priority, Integer> percents() {
        var percents = new EnumMap<Priority, Integer>(Priority.class);
        percents.put(Priority.CRITICAL, critical);
        percents.put(Priority.STANDARD, standard);
        percents.put(Priority.BULK, bulk);
        return percents;
    }

    /** {@code 10 % CRITICAL, 30 % STANDARD, 60 % BULK}, leaving out the priorities at 0 %. */
    String describe() {
        var text = new StringBuilder();
        percents().forEach((priority, percent) -> {
            if (percent > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(percent).append(" % ").append(priority);
            }
        });
        return text.toString();
    }
}
