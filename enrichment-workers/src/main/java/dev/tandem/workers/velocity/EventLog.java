package dev.tandem.workers.velocity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jspecify.annotations.Nullable;

/**
 * The format of an entity's velocity events as kept in Redis: one string per entity, events appended in arrival
 * order, {@value #RECORD_BYTES} bytes each, big-endian: event time (epoch ms, long), amount (double), merchant
 * (a 64-bit hash of its id, 0 when unknown), decision (a 64-bit hash of its id). Fixed-size numbers make the log
 * cheap to append to ({@code APPEND}, a memory copy on Redis's thread) and cheap to read here, without parsing text
 * or allocating per event; the windows are then computed by the workers, which scale out, and not on Redis's one
 * thread (ADR 0020).
 *
 * <p>A decision delivered twice is appended twice and counted once (by its hash). Distinct merchants are distinct
 * hashes: two merchants whose 64-bit hashes collide count as one, about once in 10<sup>15</sup> pairs.
 */
final class EventLog {

    static final int RECORD_BYTES = 32;

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;

    private EventLog() {
    }

    /** One event as the log keeps it. */
    static byte[] record(long eventTime, double amount, @Nullable String merchant, String decisionId) {
        return ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.BIG_ENDIAN).putLong(eventTime).putDouble(amount)
                .putLong(merchant == null || merchant.isEmpty() ? 0 : hash(merchant)).putLong(hash(decisionId))
                .array();
    }

    /**
     * The windows ending at an event's time, half-open {@code (t - w, t]}, over the first {@code length} bytes of a
     * log that holds it (an older event delivered late is aggregated over its own past only). Each decision counts
     * once however often the log holds it; the event itself counts even when the log does not hold it (a log lost
     * between its append and its read).
     *
     * @param log the entity's log, or {@code null} when Redis has none
     * @param length how much of {@code log} the event sees (the log as it was right after the event's append)
     * @param cutoff events at or before this time (epoch ms) are past the retention: not counted, and reported in
     *        {@link Windows#expired()} so that the caller can trim them
     */
    static Windows windows(byte @Nullable [] log, int length, long eventTime, double amount,
            @Nullable String merchant, String decisionId, long cutoff) {
        var windows = new Accumulator(eventTime);
        int records = log == null ? 0 : Math.min(length, log.length) / RECORD_BYTES;
        var seen = new LongSet(records + 1);
        long self = hash(decisionId);
        int expired = 0;
        ByteBuffer buffer = log == null ? null : ByteBuffer.wrap(log).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < records; i++) {
            int at = i * RECORD_BYTES;
            long time = buffer.getLong(at);
            if (time <= cutoff) {
                expired++;
                continue;
            }
            if (time <= eventTime && time > eventTime - DAY && seen.add(buffer.getLong(at + 24))) {
                windows.add(time, buffer.getDouble(at + 8), buffer.getLong(at + 16));
            }
        }
        if (seen.add(self)) {
            windows.add(eventTime, amount, merchant == null || merchant.isEmpty() ? 0 : hash(merchant));
        }
        return windows.result(expired, records);
    }

    /**
     * Counts and sums over the last minute, hour and day, and distinct merchants over the last hour and day.
     *
     * @param expired how many events of the log are past the retention
     * @param records how many events the log held
     */
    record Windows(long count1m, double sum1m, long count1h, double sum1h, long count24h, double sum24h,
            long merchants1h, long merchants24h, int expired, int records) {

        /** Worth trimming: many expired events, or half the log. */
        boolean worthTrimming() {
            return expired >= 16 || (expired > 0 && 2 * expired >= records);
        }
    }

    private static final class Accumulator {

        private final long hourStart;
        private final long minuteStart;
        private long count1m;
        private double sum1m;
        private long count1h;
        private double sum1h;
        private long count24h;
        private double sum24h;
        private final LongSet merchants1h = new LongSet(8);
        private final LongSet merchants24h = new LongSet(8);

        Accumulator(long eventTime) {
            this.hourStart = eventTime - HOUR;
            this.minuteStart = eventTime - MINUTE;
        }

        void add(long time, double amount, long merchant) {
            count24h++;
            sum24h += amount;
            boolean known = merchant != 0;
            if (known) {
                merchants24h.add(merchant);
            }
            if (time > hourStart) {
                count1h++;
                sum1h += amount;
                if (known) {
                    merchants1h.add(merchant);
                }
                if (time > minuteStart) {
                    count1m++;
                    sum1m += amount;
                }
            }
        }

        Windows result(int expired, int records) {
            return new Windows(count1m, money(sum1m), count1h, money(sum1h), count24h, money(sum24h),
                    merchants1h.size(), merchants24h.size(), expired, records);
        }

        /** A sum to the millionth, so that amounts in cents add up to what they look like (0.1 + 0.2 = 0.3). */
        private static double money(double sum) {
            return Math.rint(sum * 1e6) / 1e6;
        }
    }

    /** 64-bit FNV-1a over the id's UTF-16 code units, then MurmurHash3's finaliser; never 0. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** A set of non-zero longs, open addressing, growing as needed. */
    private static final class LongSet {

        private long[] slots;
        private int size;

        LongSet(int expected) {
            slots = new long[Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1];
        }

        /** @return whether the value was new */
        boolean add(long value) {
            if (2 * (size + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long kept : old) {
                    if (kept != 0) {
                        insert(kept);
                    }
                }
            }
            return insert(value);
        }

        private boolean insert(long value) {
            int mask = slots.length - 1;
            int i = (int) (value ^ (value >>> 32)) & mask;
            while (slots[i] != 0) {
                if (slots[i] == value) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            slots[i] = value;
            size++;
            return true;
        }

        int size() {
            return size;
        }
    }
}
