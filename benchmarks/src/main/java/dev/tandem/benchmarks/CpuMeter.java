package dev.tandem.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the processes of a benchmark spent in CPU over a window, and how much of the machine stayed idle: each named
 * process's CPU time ({@link ProcessHandle.Info#totalCpuDuration()}: user + system time, which on Linux the JDK reads
 * from {@code /proc/<pid>/stat}) and the machine's idle share (the idle time of {@code /proc/stat}'s first line, where
 * there is one, against the window's wall-clock time on each of its CPUs), sampled at the window's two ends. So a
 * report can say where each request's CPU went, and whether the cores were saturated while the latencies were
 * measured.
 *
 * <p>The idle share is not idle ÷ all of {@code /proc/stat}'s ticks: on the development VM the busy ticks there fall
 * short of the time that passed (in a 10 s window with the cores two-thirds busy, 1,842 ticks of the 2,000 two CPUs
 * had, and the benchmark's own processes alone used more than the busy ticks), while the idle time is counted
 * exactly; so the old ratio said the machine was idler than it was.
 *
 * <p>Of each JVM it also splits off the CPU of its JIT compiler threads and of its garbage collector's
 * ({@link JvmThreads}, from {@code /proc/<pid>/task}): compiling still going on in a window means that the window
 * measured part of the warm-up too.
 */
public final class CpuMeter {

    private static final Path PROC = Path.of("/proc");
    private static final Path PROC_STAT = PROC.resolve("stat");
    private static final Pattern CPU_LINE = Pattern.compile("cpu\\d+\\s");

    /**
     * One sampling: each process's CPU time so far (absent when it could not be read), each JVM's threads (none when
     * they could not be read) and the machine's ticks.
     */
    public record Sample(long nanos, Map<String, Duration> cpu, Map<String, Map<Long, JvmThreads.Task>> threads,
            @Nullable Ticks machine) {
    }

    /**
     * Of a JVM's CPU over a window, what its JIT compiler threads used, what its garbage collector's used, and what each
     * group of its threads used ({@link JvmThreads#group}: threads named alike but for their numbers), most first.
     */
    public record Split(Duration jit, Duration gc, Map<String, Duration> byGroup) {

        public Split {
            byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
        }

        /** Without the groups. */
        public Split(Duration jit, Duration gc) {
            this(jit, gc, Map.of());
        }
    }

    /** The machine's idle CPU ticks since boot (idle + iowait) from {@code /proc/stat}, and how many CPUs it has. */
    public record Ticks(long idle, int cpus) {
    }

    /**
     * The CPU each process used over a window, in order, what of it each JVM's JIT and GC threads used, and the share
     * of the machine's CPU time that was idle.
     *
     * @param jvms the processes that are JVMs, each with its split (empty when its threads could not be read)
     * @param idleShare 0 when every core was busy all the window, 1 when none was; empty without {@code /proc/stat}
     */
    public record Use(Duration elapsed, Map<String, Duration> byProcess, Map<String, Optional<Split>> jvms,
            OptionalDouble idleShare) {

        /** This use's CPU of {@code process} per one of {@code requests}, in ms; NaN when it is not known. */
        public double millisPer(String process, long requests) {
            return perRequest(byProcess.get(process), requests);
        }

        /** What the JIT compiler threads of JVM {@code process} used per one of {@code requests}, in ms; or NaN. */
        public double jitMillisPer(String process, long requests) {
            return perRequest(split(process).map(Split::jit).orElse(null), requests);
        }

        /** What the garbage collector's threads of JVM {@code process} used per one of {@code requests}, in ms. */
        public double gcMillisPer(String process, long requests) {
            return perRequest(split(process).map(Split::gc).orElse(null), requests);
        }

        /**
         * For example {@code benchmark JVM 8.72 CPU-s (4.36 ms per request, of which JIT 0.40, GC 0.10), ...; machine
         * idle 75.3 %}.
         */
        public String describe(long requests) {
            var text = new StringJoiner(", ");
            byProcess.forEach((process, cpu) -> text.add(String.format(Locale.ROOT, "%s %.2f CPU-s (%.2f ms per"
                    + " request%s)", process, cpu.toNanos() / 1e9, millisPer(process, requests),
                    ofWhich(process, requests))));
            return text + "; machine idle " + idle();
        }

        /** {@code , of which JIT 0.40, GC 0.10} for a JVM, or that they are not known; nothing for another process. */
        private String ofWhich(String process, long requests) {
            if (!jvms.containsKey(process)) {
                return "";
            }
            return split(process).isEmpty() ? ", JIT and GC not known" : String.format(Locale.ROOT,
                    ", of which JIT %.2f, GC %.2f", jitMillisPer(process, requests), gcMillisPer(process, requests));
        }

        private Optional<Split> split(String process) {
            return jvms.getOrDefault(process, Optional.empty());
        }

        private static double perRequest(@Nullable Duration cpu, long requests) {
            return cpu == null || requests <= 0 ? Double.NaN : cpu.toNanos() / 1e6 / requests;
        }

        /**
         * What JVM {@code process}'s JIT compiler threads used over this window as a share of one core (0.05: 5 % of
         * one core's time), or empty when its threads could not be read.
         */
        public OptionalDouble jitShareOfOneCore(String process) {
            return split(process).filter(ignored -> !elapsed.isZero())
                    .map(split -> OptionalDouble.of((double) split.jit().toNanos() / elapsed.toNanos()))
                    .orElse(OptionalDouble.empty());
        }

        /**
         * The {@code most} thread groups of JVM {@code process} that used the most CPU, each with its CPU per one of
         * {@code requests} in µs: {@code ForkJoinPool-N- 312, lettuce-nioEven 71, ...}; empty when its
         * threads could not be read.
         */
        public String threadGroupsPer(String process, long requests, int most) {
            var text = new StringJoiner(", ");
            split(process).map(Split::byGroup).orElse(Map.of()).entrySet().stream().limit(most)
                    .forEach(group -> text.add(String.format(Locale.ROOT, "%s %.0f", group.getKey(),
                            1000 * perRequest(group.getValue(), requests))));
            return text.toString();
        }

        /** The idle share as a percentage, or a dash when it is not known. */
        public String idle() {
            return idleShare.isPresent() ? String.format(Locale.ROOT, "%.1f %%", 100 * idleShare.getAsDouble()) : "—";
        }
    }

    private final Map<String, ProcessHandle> processes;
    private final Set<String> jvms;

    /**
     * @param processes the processes to follow, by the name a report gives them, in the report's order
     * @param jvms the names of those that are JVMs, whose JIT and GC are split off
     */
    public CpuMeter(Map<String, ProcessHandle> processes, Set<String> jvms) {
        this.processes = new LinkedHashMap<>(processes);
        this.jvms = Set.copyOf(jvms);
    }

    /** The processes' CPU times, the JVMs' threads and the machine's ticks now. */
    public Sample sample() {
        var cpu = new LinkedHashMap<String, Duration>();
        var threads = new LinkedHashMap<String, Map<Long, JvmThreads.Task>>();
        processes.forEach((name, process) -> {
            process.info().totalCpuDuration().ifPresent(time -> cpu.put(name, time));
            if (jvms.contains(name)) {
                threads.put(name, JvmThreads.read(PROC.resolve(process.pid() + "/task")));
            }
        });
        return new Sample(System.nanoTime(), cpu, threads, machineTicks());
    }

    /**
     * Samples {@code after} from now and again {@code window} later, on a thread of its own, so that a load run
     * started at once can be measured over its measured window alone (its warm-up being {@code after}).
     */
    public CompletableFuture<Use> over(Duration after, Duration window) {
        return MeasuredWindow.over("cpu-meter", after, window, this::sample, CpuMeter::between);
    }

    /**
     * What was used from {@code from} to {@code to}: processes sampled at both ends only; the JVMs of {@code from},
     * split when their threads were read at both ends.
     */
    public static Use between(Sample from, Sample to) {
        var used = new LinkedHashMap<String, Duration>();
        from.cpu().forEach((name, before) -> {
            Duration after = to.cpu().get(name);
            if (after != null) {
                used.put(name, after.minus(before));
            }
        });
        var jvms = new LinkedHashMap<String, Optional<Split>>();
        from.threads().forEach((name, before) -> {
            Map<Long, JvmThreads.Task> after = to.threads().getOrDefault(name, Map.of());
            jvms.put(name, before.isEmpty() || after.isEmpty() ? Optional.empty()
                    : Optional.of(JvmThreads.between(before, after)));
        });
        long elapsed = to.nanos() - from.nanos();
        OptionalDouble idle = OptionalDouble.empty();
        if (from.machine() != null && to.machine() != null && elapsed > 0) {
            double capacity = (double) elapsed * to.machine().cpus() * JvmThreads.TICKS_PER_SECOND / 1e9;
            idle = OptionalDouble.of(Math.clamp((to.machine().idle() - from.machine().idle()) / capacity, 0.0, 1.0));
        }
        return new Use(Duration.ofNanos(elapsed), used, jvms, idle);
    }

    /**
     * The idle ticks of {@code /proc/stat} ({@code cpu user nice system idle iowait irq ...} for all CPUs, then a
     * {@code cpuN} line for each): idle + iowait of the first line, and the number of {@code cpuN} lines.
     */
    static Ticks ticks(List<String> procStat) {
        String[] fields = procStat.isEmpty() ? new String[0] : procStat.getFirst().trim().split("\\s+");
        if (fields.length < 5 || !fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not /proc/stat: its first line is not the cpu line");
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        int cpus = (int) procStat.stream().filter(line -> CPU_LINE.matcher(line).lookingAt()).count();
        return new Ticks(idle, Math.max(cpus, 1));
    }

    private static @Nullable Ticks machineTicks() {
        try {
            return ticks(Files.readAllLines(PROC_STAT));
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or not readable: the idle share is then not reported
        }
    }
}
