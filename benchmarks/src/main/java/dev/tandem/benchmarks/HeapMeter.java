package dev.tandem.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.ThreadMXBean;

/**
 * What this JVM allocated on its heap over a window, how much of that its load generator's threads did, and each
 * pause of its garbage collector: so a report can say what a request allocates and what the collector's pauses
 * did to the tail, beside {@link CpuMeter}'s CPU.
 *
 * <p>Allocation is {@link ThreadMXBean#getTotalThreadAllocatedBytes()} at the window's two ends (a virtual thread's is
 * its carrier's); the generator's part is {@link ThreadMXBean#getThreadAllocatedBytes(long[])} of the platform threads
 * it names, live at both ends. Pauses come from the collectors' notifications: those of the beans that report pauses
 * (G1's "G1 Young Generation" and "G1 Old Generation", ZGC's "ZGC Minor Pauses" and "ZGC Major Pauses"), not those
 * that report concurrent work ("G1 Concurrent GC", "ZGC ... Cycles").
 */
public final class HeapMeter implements AutoCloseable {

    /** One collector pause: when it ended ({@link System#nanoTime()}), whose bean reported it, how long it took. */
    public record Pause(long endNanos, String collector, Duration duration) {
    }

    /** The JVM's allocated bytes so far, and those of the generator's threads, by thread id. */
    public record Sample(long nanos, long allocated, Map<Long, Long> generator) {
    }

    /**
     * What a window saw.
     *
     * @param generator what the generator's threads allocated of {@code allocated} (those live at both ends)
     */
    public record Use(Duration elapsed, long allocated, long generator, List<Pause> pauses) {

        public Use {
            pauses = List.copyOf(pauses);
        }

        /** Kilobytes (1,000 bytes) this JVM allocated per one of {@code requests}; NaN without requests. */
        public double kilobytesPer(long requests) {
            return requests <= 0 ? Double.NaN : allocated / 1e3 / requests;
        }

        /** Kilobytes per request that were not the generator's: the server's side of it. */
        public double serverKilobytesPer(long requests) {
            return requests <= 0 ? Double.NaN : (allocated - generator) / 1e3 / requests;
        }

        /** The longest pause, or zero without one. */
        public Duration longestPause() {
            return pauses.stream().map(Pause::duration).max(Duration::compareTo).orElse(Duration.ZERO);
        }

        /** All the pauses together. */
        public Duration paused() {
            return pauses.stream().map(Pause::duration).reduce(Duration.ZERO, Duration::plus);
        }

        /**
         * For example {@code 61.2 KB allocated per request (the generator 8.4 of it), 1,020 MB/s; 7 pauses, 10–24 ms,
         * 118 ms in all (0.6 % of the window)}.
         */
        public String describe(long requests) {
            double seconds = elapsed.toNanos() / 1e9;
            String heap = String.format(Locale.ROOT, "%.1f KB allocated per request (the generator %.1f of it),"
                    + " %,.0f MB/s", kilobytesPer(requests), generator / 1e3 / Math.max(1, requests),
                    seconds <= 0 ? Double.NaN : allocated / 1e6 / seconds);
            if (pauses.isEmpty()) {
                return heap + "; no collector pause";
            }
            Duration shortest = pauses.stream().map(Pause::duration).min(Duration::compareTo).orElseThrow();
            return heap + String.format(Locale.ROOT, "; %d %s, %.1f–%.1f ms, %.0f ms in all (%.1f %% of the"
                    + " window)", pauses.size(), pauses.size() == 1 ? "pause" : "pauses", shortest.toNanos() / 1e6,
                    longestPause().toNanos() / 1e6,
                    paused().toNanos() / 1e6, seconds <= 0 ? Double.NaN : 100 * paused().toNanos() / 1e9 / seconds);
        }
    }

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<String> generatorThreads;
    private final ConcurrentLinkedQueue<Pause> pauses = new ConcurrentLinkedQueue<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();

    /** Listens to this JVM's collectors from now until {@link #close()}; {@code generatorThreads} names the generator. */
    public HeapMeter(Set<String> generatorThreads) {
        this.generatorThreads = Set.copyOf(generatorThreads);
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                if (pauses(info.getGcName())) {
                    pauses.add(new Pause(System.nanoTime(), info.getGcName(),
                            Duration.ofMillis(info.getGcInfo().getDuration())));
                }
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException gone) {
                        // nothing to remove
                    }
                });
            }
        }
    }

    /** Whether the bean named {@code collector} reports pauses, not concurrent work. */
    static boolean pauses(String collector) {
        return !collector.contains("Concurrent") && !collector.contains("Cycles");
    }

    /** This JVM's allocation now. */
    public Sample sample() {
        var generator = new HashMap<Long, Long>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && generatorThreads.contains(infos[i].getThreadName()) && allocated[i] >= 0) {
                generator.put(ids[i], allocated[i]);
            }
        }
        return new Sample(System.nanoTime(), threads.getTotalThreadAllocatedBytes(), generator);
    }

    /** What was allocated, and paused, from {@code from} to {@code to}. */
    public Use between(Sample from, Sample to) {
        long generator = 0;
        for (var thread : to.generator().entrySet()) {
            Long before = from.generator().get(thread.getKey());
            if (before != null) {
                generator += thread.getValue() - before;
            }
        }
        List<Pause> in = pauses.stream()
                .filter(pause -> pause.endNanos() - from.nanos() > 0 && pause.endNanos() - to.nanos() <= 0).toList();
        return new Use(Duration.ofNanos(to.nanos() - from.nanos()), to.allocated() - from.allocated(), generator, in);
    }

    /** Samples {@code after} from now and again {@code window} later, as {@link CpuMeter#over} does. */
    public CompletableFuture<Use> over(Duration after, Duration window) {
        return MeasuredWindow.over("heap-meter", after, window, this::sample, this::between);
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
