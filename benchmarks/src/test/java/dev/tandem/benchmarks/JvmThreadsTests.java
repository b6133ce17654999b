package dev.tandem.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.tandem.benchmarks.JvmThreads.Kind;
import dev.tandem.benchmarks.JvmThreads.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmThreadsTests {

    @TempDir
    Path proc;

    @Test
    void ticks_areUtimePlusStime_countedAfterTheLastParenthesis() {
        assertThat(JvmThreads.ticks(stat(17769, "C2 CompilerThre", 250, 30))).isEqualTo(280);
        assertThat(JvmThreads.ticks(stat(42, "x) (y 1 2 3", 7, 5))).isEqualTo(12);
    }

    @Test
    void ticks_ofALineWithoutACommOrCutShort_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> JvmThreads.ticks("42 S 1 2 3"));
        assertThatIllegalArgumentException().isThrownBy(() -> JvmThreads.ticks("42 (java) S 1 2 3 4 5 6 7 8 9 10"));
    }

    @Test
    void kind_compilerThreadsAreJit_collectorsThreadsGc_andTheRestTheRest() {
        assertThat(JvmThreads.kind("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(JvmThreads.kind("C1 CompilerThre")).isEqualTo(Kind.JIT);
        for (String gc : new String[] { "GC Thread#0", "GC Thread#1", "G1 Conc#0", "G1 Refine#0", "G1 Main Marker",
                "G1 Service", "ZWorkerYoung#0", "ZWorkerOld#0", "ZDriverMajor", "ZDirector", "ZStat",
                "ZUncommitter#0", "Shenandoah GC T" }) {
            assertThat(JvmThreads.kind(gc)).as(gc).isEqualTo(Kind.GC);
        }
        for (String rest : new String[] { "java", "VM Periodic Tas", "VM Thread", "Common-Cleaner", "load-loop",
                "http-nio-8080-e", "C2 Compiler", "GC" }) {
            assertThat(JvmThreads.kind(rest)).as(rest).isEqualTo(Kind.REST);
        }
    }

    @Test
    void read_aTaskDirectory_givesEachThreadsNameAndTicks_andLeavesOutOneThatEnded() throws IOException {
        thread(101, "C2 CompilerThre", stat(101, "C2 CompilerThre", 250, 30));
        thread(102, "x) (y", stat(102, "x) (y", 7, 5));
        thread(103, "GC Thread#0", null); // ended between the listing and the reading of its stat

        assertThat(JvmThreads.read(proc.resolve("task"))).isEqualTo(Map.of(101L, new Task("C2 CompilerThre", 280),
                102L, new Task("x) (y", 12)));
    }

    @Test
    void read_withoutATaskDirectory_isEmpty() {
        assertThat(JvmThreads.read(proc.resolve("no-such-pid/task"))).isEmpty();
    }

    @Test
    void read_ofThisJvm_onLinux_findsItsCompilerAndGcThreads() {
        Path task = Path.of("/proc/" + ProcessHandle.current().pid() + "/task");
        assumeThat(Files.isDirectory(task)).as("Linux's /proc").isTrue();

        assertThat(JvmThreads.read(task).values()).extracting(thread -> JvmThreads.kind(thread.comm()))
                .contains(Kind.JIT, Kind.GC, Kind.REST);
    }

    @Test
    void between_countsEachThreadFromTheStart_oneBornInTheWindowWhole_andOneThatEndedNot() {
        Map<Long, Task> from = Map.of(1L, new Task("C2 CompilerThre", 100), 2L, new Task("GC Thread#0", 50),
                3L, new Task("C1 CompilerThre", 30), 4L, new Task("java", 500));
        Map<Long, Task> to = Map.of(1L, new Task("C2 CompilerThre", 160), 2L, new Task("GC Thread#0", 70),
                4L, new Task("java", 900), 5L, new Task("C2 CompilerThre", 40), 6L, new Task("G1 Conc#0", 10));

        CpuMeter.Split split = JvmThreads.between(from, to);

        assertThat(split.jit()).isEqualTo(Duration.ofMillis(1_000)); // 60 + 40 ticks; thread 3 ended, its 30 are lost
        assertThat(split.gc()).isEqualTo(Duration.ofMillis(300)); // 20 + 10 ticks
    }

    @Test
    void between_aThreadIdGivenAgainToAnotherThread_countsItAsNew() {
        Map<Long, Task> from = Map.of(7L, new Task("GC Thread#1", 500), 8L, new Task("C1 CompilerThre", 90));
        Map<Long, Task> to = Map.of(7L, new Task("C1 CompilerThre", 30), 8L, new Task("C1 CompilerThre", 20));

        CpuMeter.Split split = JvmThreads.between(from, to);

        assertThat(split.jit()).isEqualTo(Duration.ofMillis(500));
        assertThat(split.gc()).isZero();
    }

    @Test
    void between_groupsThreadsNamedAlikeButForTheirNumbers_mostFirst() {
        Map<Long, Task> from = Map.of(1L, new Task("ForkJoinPool-1-", 100), 2L, new Task("ForkJoinPool-1-", 100),
                3L, new Task("lettuce-nioEven", 10), 4L, new Task("GC Thread#0", 0), 5L, new Task("GC Thread#1", 0));
        Map<Long, Task> to = Map.of(1L, new Task("ForkJoinPool-1-", 400), 2L, new Task("ForkJoinPool-1-", 300),
                3L, new Task("lettuce-nioEven", 110), 4L, new Task("GC Thread#0", 20), 5L, new Task("GC Thread#1", 30),
                6L, new Task("load-loop", 0));

        CpuMeter.Split split = JvmThreads.between(from, to);

        assertThat(split.byGroup()).containsExactly(Map.entry("ForkJoinPool-N-", Duration.ofMillis(5_000)),
                Map.entry("lettuce-nioEven", Duration.ofMillis(1_000)), Map.entry("GC Thread", Duration.ofMillis(500)));
    }

    @Test
    void group_dropsATrailingNumber_andNamesTheOthersN() {
        assertThat(JvmThreads.group("ForkJoinPool-1-")).isEqualTo("ForkJoinPool-N-");
        assertThat(JvmThreads.group("qtp1842384-37")).isEqualTo("qtpN");
        assertThat(JvmThreads.group("GC Thread#3")).isEqualTo("GC Thread");
        assertThat(JvmThreads.group("C2 CompilerThre")).isEqualTo("CN CompilerThre");
        assertThat(JvmThreads.group("main")).isEqualTo("main");
        assertThat(JvmThreads.group("42")).isEqualTo("42");
    }

    private void thread(long tid, String comm, @Nullable String stat) throws IOException {
        Path dir = Files.createDirectories(proc.resolve("task/" + tid));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        if (stat != null) {
            Files.writeString(dir.resolve("stat"), stat);
        }
    }

    /** A thread's stat line as Linux writes it, with its utime and stime (fields 14 and 15). */
    static String stat(long tid, String comm, long utime, long stime) {
        return tid + " (" + comm + ") S 1 " + tid + " " + tid + " 0 -1 4194624 120 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 30 0 1234 6000000 3000 18446744073709551615 0 0 0 0 0 0 0 2 4 0 0 0 0 0\n";
    }
}
