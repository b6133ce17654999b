package dev.tandem.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU of a JVM's threads by what they do, read from Linux's {@code /proc/<pid>/task/<tid>/comm} (the thread's
 * name, cut to 15 characters) and {@code .../stat} (its user and system time): the JIT compiler threads, the garbage
 * collector's (G1's), and the rest. So that a CPU figure can say how much of it was the JVM still compiling.
 *
 * <p>Only the threads alive at a window's end are counted, each from its time at the window's start (or from zero when
 * it was born in the window): a thread that ended in the window takes its CPU with it. The compiler and G1 threads
 * mostly live as long as the JVM, but the JVM may stop a second compiler thread it no longer needs (C2
 * CompilerThread1, ...): the JIT figure is then a lower bound, the CPU it misses staying in the process's total.
 */
final class JvmThreads {

    /** What a thread does, by its name. */
    enum Kind {
        JIT, GC, REST
    }

    /** One thread at one reading: its name and its CPU (user + system) so far, in clock ticks. */
    record Task(String comm, long ticks) {
    }

    /**
     * The unit of {@code /proc}'s times: USER_HZ, which {@code getconf CLK_TCK} prints. It is 100 on x86 and arm64
     * whatever the kernel's own tick rate, and Java cannot ask {@code sysconf} without native code: so 100.
     */
    static final long TICKS_PER_SECOND = 100;

    private static final List<String> JIT = List.of("C1 CompilerThre", "C2 CompilerThre");
    /** G1's, Parallel's (its workers are "GC Thread#"), ZGC's and Shenandoah's, as JDK 25 names them. */
    private static final List<String> GC = List.of("GC Thread#", "G1 Conc#", "G1 Refine#", "G1 Main Marker",
            "G1 Service", "ZWorker", "ZDriver", "ZDirector", "ZStat", "ZUncommitter", "Shenandoah ");
    /** utime and stime: fields 14 and 15 of a stat line, counted from the state (field 3) after the comm. */
    private static final int UTIME_AFTER_COMM = 14 - 3;

    private JvmThreads() {
    }

    /** What a thread named {@code comm} (as {@code /proc} gives it: 15 characters at most) does. */
    static Kind kind(String comm) {
        if (JIT.stream().anyMatch(comm::startsWith)) {
            return Kind.JIT;
        }
        return GC.stream().anyMatch(comm::startsWith) ? Kind.GC : Kind.REST;
    }

    /**
     * The threads of one process by thread id, read from its task directory ({@code /proc/<pid>/task}), or none when
     * it cannot be read (not Linux, or the process has ended): a live process has at least one thread. A thread that
     * ends while it is read is left out.
     */
    static Map<Long, Task> read(Path taskDirectory) {
        var tasks = new HashMap<Long, Task>();
        try (var threads = Files.list(taskDirectory)) {
            threads.forEach(thread -> {
                try {
                    String comm = Files.readString(thread.resolve("comm")).strip();
                    long ticks = ticks(Files.readString(thread.resolve("stat")));
                    tasks.put(Long.parseLong(thread.getFileName().toString()), new Task(comm, ticks));
                } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                    // ended since it was listed (reading its stat then fails), or not a thread's directory
                }
            });
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Map.of();
        }
        return tasks;
    }

    /**
     * User + system time of a {@code stat} line ({@code tid (comm) state ppid ...}), in ticks. The comm may hold
     * spaces and parentheses, so the fields are counted after the line's last {@code ')'}.
     */
    static long ticks(String statLine) {
        int end = statLine.lastIndexOf(')');
        String[] fields = end < 0 ? new String[0] : statLine.substring(end + 1).trim().split("\\s+");
        if (fields.length <= UTIME_AFTER_COMM + 1) {
            throw new IllegalArgumentException("not a stat line: " + statLine);
        }
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
    }

    /**
     * The JIT and GC threads' CPU from {@code from} to {@code to}, two readings of the same process: of the threads of
     * {@code to}, each one's ticks since {@code from}, or all its ticks when it was not there yet (a thread id the
     * kernel gave again, to a thread of another name or with fewer ticks, is a new thread).
     */
    static CpuMeter.Split between(Map<Long, Task> from, Map<Long, Task> to) {
        long jit = 0;
        long gc = 0;
        var groups = new HashMap<String, Long>();
        for (var thread : to.entrySet()) {
            Task now = thread.getValue();
            Task before = from.get(thread.getKey());
            boolean same = before != null && before.comm().equals(now.comm()) && before.ticks() <= now.ticks();
            long used = now.ticks() - (same ? before.ticks() : 0);
            switch (kind(now.comm())) {
                case JIT -> jit += used;
                case GC -> gc += used;
                case REST -> { }
            }
            if (used > 0) {
                groups.merge(group(now.comm()), used, Long::sum);
            }
        }
        var byGroup = new LinkedHashMap<String, Duration>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(group -> byGroup.put(group.getKey(), duration(group.getValue())));
        return new CpuMeter.Split(duration(jit), duration(gc), byGroup);
    }

    /**
     * The group of a thread named {@code comm}: its name with each run of digits as {@code N} and a trailing number
     * dropped, so that {@code ForkJoinPool-1-worker-3} (cut by {@code /proc} to {@code ForkJoinPool-1-}), {@code
     * lettuce-nioEventLoop-4-2} and {@code GC Thread#1} group with their siblings.
     */
    static String group(String comm) {
        String group = comm.replaceFirst("[-#_ ]?\\d+$", "").replaceAll("\\d+", "N");
        return group.isEmpty() ? comm : group;
    }

    private static Duration duration(long ticks) {
        return Duration.ofNanos(ticks * 1_000_000_000L / TICKS_PER_SECOND);
    }
}
